import { spawn } from 'node:child_process';
import { createRedis } from '@aiops/runtime';
import { freePort } from '@aiops/testkit/free-port';
import { deletePrefix, testPrefix } from '@aiops/testkit/redis-prefix';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../support/service-process';

const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
const prefix = testPrefix('demo');
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('pnpm demo', () => {
  it('runs the shared scenarios end to end and ends with a summary of what was fixed and escalated', async () => {
    const port = await freePort();
    const child = spawn('pnpm', ['demo', '--exit', '--port', String(port)], {
      cwd: REPO,
      env: { ...process.env, QUEUE_PREFIX: prefix },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += String(chunk);
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, output.slice(-3000)).toBe(0);
    const summary = output.slice(output.lastIndexOf('time to fix'));
    const rows = Object.fromEntries(
      summary
        .split('\n')
        .slice(1)
        .map((line) => line.trim().split(/\s+/))
        .filter((cells) => cells.length >= 3)
        .map((cells) => [cells[0], cells[1]]),
    );
    expect(rows).toMatchObject({
      'default/cache-warmer': 'fixed',
      'default/nginx-problematic': 'fixed',
      'default/reports': 'fixed',
      'shop/api-server': 'fixed',
      'default/orders': 'escalated',
      'default/payments': 'escalated',
    });
    expect(rows['default/nginx-deployment']).toBe('healthy');
    expect(summary).toMatch(new RegExp(`http://127\\.0\\.0\\.1:${port}/api/v1/incidents/inc-`));
    expect(output).toContain(`API docs http://127.0.0.1:${port}/`);
  }, 300_000);
});
