import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const FIXTURE = fileURLToPath(new URL('./fixtures/slow-shutdown.ts', import.meta.url));

describe('installShutdown', () => {
  it('finishes the jobs in flight when a second and a third signal arrive during the shutdown', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
      env: { ...process.env, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const messages: string[] = [];
    const ready = new Promise<void>((resolve) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const { msg } = JSON.parse(line) as { msg: string };
        messages.push(msg);
        if (msg === 'ready') resolve();
      });
    });
    // 'close', not 'exit': it comes after the last output line has been read.
    const exited = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
    await ready;
    const pause = () => new Promise((resolve) => setTimeout(resolve, 150));
    // Apart, so the kernel does not merge them into one.
    child.kill('SIGINT');
    await pause();
    child.kill('SIGTERM');
    await pause();
    child.kill('SIGTERM');
    const [code, signal] = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    // Both; pino's asynchronous writes do not always keep the order of the last two lines.
    expect(messages).toEqual(expect.arrayContaining(['job in flight finished', 'shut down cleanly']));
    expect(messages.filter((m) => m === 'already shutting down').length).toBeGreaterThanOrEqual(1);
  }, 20_000);
});
