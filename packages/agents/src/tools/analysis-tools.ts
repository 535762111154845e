import { z } from 'zod';
import { runInSandbox } from '../sandbox/sandbox';
import type { ToolContext } from '../tool-context';
import { clip } from '../untrusted';
import { defineTool, ok, type ToolSpec } from './tool-spec';

/** The coder's tool: JavaScript over the incident's metric series, run in an isolated V8 sandbox. */
export function analysisTools(ctx: ToolContext): ToolSpec[] {
  return [
    defineTool({
      name: 'run_analysis',
      description:
        "Run JavaScript over the incident's metrics in a sandbox. The code is the body of a function with one parameter, `series`: an array of {metric, labels, timestamps (Unix ms), values}. It must `return` a JSON-serialisable value. Only plain JavaScript: no require, process, fetch or timers; limited memory and time.",
      schema: z.object({
        code: z
          .string()
          .min(1)
          .max(8000)
          .describe('function body, e.g. return series.map(s => Math.max(...s.values))'),
        purpose: z.string().min(1).max(300).describe('what the analysis finds out'),
      }),
      async run({ code, purpose }) {
        const result = await runInSandbox(code, { series: await ctx.series() }, ctx.sandbox);
        if (!result.ok) return { status: 'error', summary: `${purpose}: ${result.error}` };
        return ok(`${clip(purpose, 120)}: ${clip(result.json, 200)}`, result.value);
      },
    }),
  ];
}
