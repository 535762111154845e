import ivm from 'isolated-vm';

export interface SandboxLimits {
  /** Heap of the isolate, in MB (isolated-vm's minimum is 8). */
  memoryMb: number;
  /** Wall-clock time the code may run, in ms. */
  timeoutMs: number;
  /** Longest JSON text the result may take. */
  maxResultChars: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  memoryMb: 32,
  timeoutMs: 1000,
  maxResultChars: 16_000,
};

/**
 * isolated-vm asks Node 20 and later to run with this flag: V8's shared read-only heap can crash the process
 * when isolates start from different snapshots. The planner's process and the tests pass it.
 */
export const SANDBOX_NODE_FLAG = '--no-node-snapshot';

export type SandboxResult = { ok: true; value: unknown; json: string } | { ok: false; error: string };

/**
 * Runs untrusted JavaScript in a fresh V8 isolate: the code is the body of a function whose parameters are the
 * keys of `inputs` (deep copies, not references), and what it returns comes back as JSON. The isolate has the
 * language's built-ins only (no require, process, fetch, timers, or any I/O), a heap limit and a time limit,
 * and is thrown away afterwards.
 */
export async function runInSandbox(
  code: string,
  inputs: Record<string, unknown>,
  limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS,
): Promise<SandboxResult> {
  const isolate = new ivm.Isolate({ memoryLimit: limits.memoryMb });
  try {
    const context = await isolate.createContext();
    const names = Object.keys(inputs);
    await context.global.set('__code', code);
    await context.global.set('__names', new ivm.ExternalCopy(names).copyInto());
    for (const name of names) {
      await context.global.set(`__input_${name}`, new ivm.ExternalCopy(inputs[name]).copyInto());
    }
    const script = await isolate.compileScript(`
      (() => {
        const args = __names.map((name) => globalThis['__input_' + name]);
        const run = new Function(...__names, __code);
        const json = JSON.stringify(run(...args));
        return json === undefined ? 'null' : json;
      })()`);
    const json: unknown = await script.run(context, { timeout: limits.timeoutMs });
    if (typeof json !== 'string') return { ok: false, error: 'the code returned no JSON value' };
    if (json.length > limits.maxResultChars) {
      return {
        ok: false,
        error: `the result is ${json.length} characters of JSON, over the ${limits.maxResultChars} allowed`,
      };
    }
    return { ok: true, value: JSON.parse(json), json };
  } catch (error) {
    return { ok: false, error: describe(error, limits) };
  } finally {
    if (!isolate.isDisposed) isolate.dispose();
  }
}

function describe(error: unknown, limits: SandboxLimits): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/timed out/i.test(message)) return `stopped: the code ran longer than ${limits.timeoutMs} ms`;
  if (/memory limit/i.test(message))
    return `stopped: the code used more than ${limits.memoryMb} MB of memory`;
  return message;
}
