import { z } from 'zod';
import { K8sNameSchema, K8sNamespaceSchema } from './autofix';

export const WorkflowRequestSchema = z.object({
  problem_description: z.string().min(1, 'problem_description must not be empty').max(8000),
  namespace: K8sNamespaceSchema.optional(),
  deployment: K8sNameSchema.optional(),
});
export type WorkflowRequest = z.infer<typeof WorkflowRequestSchema>;

export const WorkflowAcceptedSchema = z.object({
  workflow_id: z.string(),
  incident_id: z.string(),
  events_url: z.string().describe('server-sent events of the workflow steps'),
});
