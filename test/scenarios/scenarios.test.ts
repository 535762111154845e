import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenarios } from '../../services/launcher/src/scenarios/runner';

const SHARED = new URL('../../../shared/scenarios/k8s', import.meta.url).pathname;

describe('pnpm scenarios', () => {
  it('passes every shared scenario through the autofix API', async () => {
    const results = await runScenarios({ dir: SHARED, speed: 20 });
    expect(results.length).toBeGreaterThanOrEqual(7);
    expect(results.filter((r) => !r.passed)).toEqual([]);
  }, 600_000);

  it('takes any folder in the format, and fails a scenario whose expectation is not met, with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scenarios-'));
    try {
      cpSync(join(SHARED, 'missing-env'), join(dir, 'unfixable-but-expected-fixed'), { recursive: true });
      const expectFile = join(dir, 'unfixable-but-expected-fixed', 'expect.yaml');
      writeFileSync(
        expectFile,
        readFileSync(expectFile, 'utf8').replace('outcome: escalated', 'outcome: fixed'),
      );
      cpSync(join(SHARED, 'missing-env'), join(dir, 'another-missing-env'), { recursive: true });
      const results = await runScenarios({ dir, speed: 20 });
      expect(results.map((r) => [r.name, r.passed])).toEqual([
        ['another-missing-env', true],
        ['unfixable-but-expected-fixed', false],
      ]);
      expect(results[1]?.reason).toMatch(/^outcome escalated, expected fixed: missing-env: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
