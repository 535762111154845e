import { AnomalySchema, ResourceRefSchema } from '@aiops/contracts';
import { z } from 'zod';

/** What can be a root cause: the workloads and machines in the incident's scope. */
export const EntityKindSchema = z.enum(['service', 'deployment', 'pod', 'node']);
export type EntityKind = z.infer<typeof EntityKindSchema>;

export const EntityRefSchema = ResourceRefSchema.extend({ kind: EntityKindSchema });
export type EntityRef = z.infer<typeof EntityRefSchema>;

export const MetricSeriesSchema = z
  .object({
    entity: EntityRefSchema,
    metric: z.string().min(1).describe('e.g. cpu, mem, latency-90, error, rps, restarts'),
    unit: z.string().optional().describe('for chart axes; guessed from the metric name when absent'),
    timestamps: z.array(z.number()).describe('Unix milliseconds, ascending'),
    values: z.array(z.number()),
  })
  .refine((s) => s.timestamps.length === s.values.length, {
    message: 'timestamps and values must have the same length',
  });
export type MetricSeries = z.infer<typeof MetricSeriesSchema>;

/**
 * Dependency edges, in the direction Kubernetes and tracing name them:
 * `calls` caller → callee, `owns` owner → owned (deployment → pod), `selects` service → pod,
 * `runs-on` pod → node.
 */
export const DependencyEdgeSchema = z.object({
  from: EntityRefSchema,
  to: EntityRefSchema,
  kind: z.enum(['calls', 'owns', 'selects', 'runs-on']),
});
export type DependencyEdge = z.infer<typeof DependencyEdgeSchema>;

export const ChangeKindSchema = z.enum(['rollout', 'config', 'scale']);
export const KubernetesEventKindSchema = z.enum([
  'restart',
  'oom',
  'probe-failure',
  'failed-scheduling',
  'image-pull',
  'crash',
]);
export const ClusterEventSchema = z.object({
  time: z.number().describe('Unix milliseconds'),
  entity: EntityRefSchema,
  kind: z.union([ChangeKindSchema, KubernetesEventKindSchema]),
  detail: z.string().default(''),
});
export type ClusterEvent = z.infer<typeof ClusterEventSchema>;
export type ChangeKind = z.infer<typeof ChangeKindSchema>;
export type KubernetesEventKind = z.infer<typeof KubernetesEventKindSchema>;

export const RankingInputSchema = z.object({
  entities: z.array(EntityRefSchema).default([]).describe('the scope; entities named elsewhere are added'),
  series: z.array(MetricSeriesSchema).default([]),
  edges: z.array(DependencyEdgeSchema).default([]),
  events: z.array(ClusterEventSchema).default([]),
  alertTime: z
    .number()
    .optional()
    .describe('Unix ms when the incident was noticed; the onset is searched for before it'),
  anomalies: z.array(AnomalySchema).default([]).describe('anomalies already found by the detect stage'),
});
export type RankingInput = z.input<typeof RankingInputSchema>;
export type ParsedRankingInput = z.output<typeof RankingInputSchema>;
