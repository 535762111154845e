import { z } from 'zod';
import { IncidentSchema, IncidentStatusSchema } from '../incident';

export const IncidentListQuerySchema = z.object({
  status: IncidentStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const IncidentSummarySchema = IncidentSchema.pick({
  id: true,
  title: true,
  status: true,
  outcome: true,
  severity: true,
  target: true,
  createdAt: true,
  updatedAt: true,
  resolvedAt: true,
});

export const IncidentListSchema = z.object({ incidents: z.array(IncidentSummarySchema) });
