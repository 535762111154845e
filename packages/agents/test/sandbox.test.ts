import { describe, expect, it } from 'vitest';
import { DEFAULT_SANDBOX_LIMITS, runInSandbox } from '../src';

const series = [
  { metric: 'cpu', labels: { pod: 'a' }, timestamps: [1000, 2000, 3000], values: [0.2, 0.9, 0.4] },
  { metric: 'cpu', labels: { pod: 'b' }, timestamps: [1000, 2000, 3000], values: [0.1, 0.1, 0.3] },
];

describe('runInSandbox', () => {
  it('returns the value of a correct analysis', async () => {
    const result = await runInSandbox(
      'return series.map((s) => ({ pod: s.labels.pod, peak: Math.max(...s.values) }));',
      { series },
    );
    expect(result).toEqual({
      ok: true,
      value: [
        { pod: 'a', peak: 0.9 },
        { pod: 'b', peak: 0.3 },
      ],
      json: '[{"pod":"a","peak":0.9},{"pod":"b","peak":0.3}]',
    });
  });

  it('stops an infinite loop at the time limit', async () => {
    const result = await runInSandbox(
      'for (;;) {}',
      { series },
      { ...DEFAULT_SANDBOX_LIMITS, timeoutMs: 200 },
    );
    expect(result).toEqual({ ok: false, error: 'stopped: the code ran longer than 200 ms' });
  });

  it('stops memory exhaustion at the memory limit', async () => {
    const result = await runInSandbox(
      'const hoard = []; for (;;) hoard.push(new Array(100000).fill(Math.random()));',
      { series },
      { ...DEFAULT_SANDBOX_LIMITS, memoryMb: 16, timeoutMs: 10_000 },
    );
    expect(result).toEqual({ ok: false, error: 'stopped: the code used more than 16 MB of memory' });
  });

  it('reaches no process, require, module loading, network or timers', async () => {
    const result = await runInSandbox(
      `return {
        process: typeof process, require: typeof require, module: typeof module, fetch: typeof fetch,
        setTimeout: typeof setTimeout, setInterval: typeof setInterval, Buffer: typeof Buffer,
        viaFunction: typeof Function('return this')().process,
        globals: Object.getOwnPropertyNames(globalThis).filter((n) => /process|require|fetch|Timeout/.test(n)),
      };`,
      {},
    );
    expect(result.ok && result.value).toEqual({
      process: 'undefined',
      require: 'undefined',
      module: 'undefined',
      fetch: 'undefined',
      setTimeout: 'undefined',
      setInterval: 'undefined',
      Buffer: 'undefined',
      viaFunction: 'undefined',
      globals: [],
    });
    const imported = await runInSandbox('return import("node:fs");', {});
    expect(imported).toEqual({ ok: false, error: expect.stringMatching(/not supported/i) });
  });

  it('works on a copy of the data: the caller sees no change', async () => {
    const data = [{ metric: 'm', labels: {}, timestamps: [1], values: [1] }];
    const result = await runInSandbox('series[0].values[0] = 42; series.push(1); return series.length;', {
      series: data,
    });
    expect(result.ok && result.value).toBe(2);
    expect(data).toEqual([{ metric: 'm', labels: {}, timestamps: [1], values: [1] }]);
  });

  it('reports code errors and caps the size of the result', async () => {
    const thrown = await runInSandbox('throw new Error("no data for pod c");', { series });
    expect(thrown).toEqual({ ok: false, error: 'no data for pod c' });
    const syntax = await runInSandbox('return (;', {});
    expect(syntax.ok).toBe(false);
    const big = await runInSandbox(
      'return "x".repeat(50000);',
      {},
      { ...DEFAULT_SANDBOX_LIMITS, maxResultChars: 1000 },
    );
    expect(big).toEqual({
      ok: false,
      error: 'the result is 50002 characters of JSON, over the 1000 allowed',
    });
  });
});
