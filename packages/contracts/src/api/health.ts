import { z } from 'zod';

export const QueueCountsSchema = z.object({
  waiting: z.number().int(),
  active: z.number().int(),
  delayed: z.number().int(),
  failed: z.number().int(),
  completed: z.number().int(),
});

export const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  redis: z.object({ ok: z.boolean(), latencyMs: z.number().nullable(), error: z.string().optional() }),
  queues: z.record(z.string(), QueueCountsSchema),
  workers: z.record(z.string(), z.number().int().describe('workers connected to the queue')),
});
export type Health = z.infer<typeof HealthSchema>;
