import { z } from 'zod';
import type { ToolContext } from '../tool-context';
import { clip } from '../untrusted';
import { defineTool, ok, type ToolSpec } from './tool-spec';

/** The researcher's tool: the repository's runbooks, searched locally with BM25. */
export function runbookTools(ctx: ToolContext): ToolSpec[] {
  return [
    defineTool({
      name: 'search_runbooks',
      description:
        'Search the runbooks (one per finding category and per common alert: symptoms, how to confirm, safe fix, what a person must do) and return the best passages.',
      schema: z.object({
        query: z
          .string()
          .min(1)
          .max(500)
          .describe('a finding category, an alert name, or symptoms in plain words'),
        k: z.number().int().min(1).max(5).default(3).describe('how many passages'),
      }),
      async run({ query, k }) {
        const hits = ctx.runbooks.search(query, k);
        if (hits.length === 0) return ok('no runbook passage matches', []);
        const summary = `${hits.length} passage(s): ${hits.map((h) => `${h.file}#${h.heading}`).join(', ')}`;
        return ok(
          summary,
          hits.map((h) => ({
            runbook: h.file,
            title: h.title,
            section: h.heading,
            text: clip(h.text, 1200),
          })),
        );
      },
    }),
  ];
}
