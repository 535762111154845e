import { z } from 'zod';

export const TargetKindSchema = z.enum([
  'deployment',
  'statefulset',
  'daemonset',
  'pod',
  'node',
  'service',
  'namespace',
  'cluster',
]);
export type TargetKind = z.infer<typeof TargetKindSchema>;

/** What an incident is about: the workload (or node, namespace) its alerts point at. */
export const TargetSchema = z.object({
  kind: TargetKindSchema,
  namespace: z.string().optional(),
  name: z.string().optional(),
  pod: z.string().optional(),
  container: z.string().optional(),
  node: z.string().optional(),
});
export type Target = z.infer<typeof TargetSchema>;

export const ResourceRefSchema = z.object({
  kind: z.string(),
  namespace: z.string().optional(),
  name: z.string(),
});
export type ResourceRef = z.infer<typeof ResourceRefSchema>;
