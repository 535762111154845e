import { ALL_QUEUES, type PipelineMetrics, type Queues } from '@aiops/runtime';
import { Hono } from 'hono';
import { collectDefaultMetrics, Registry } from 'prom-client';

/** The system's own metrics: pipeline counters from Redis (all replicas), queue depths, this process. */
export function metricsRoutes(metrics: PipelineMetrics, queues: Queues): Hono {
  const processRegistry = new Registry();
  collectDefaultMetrics({ register: processRegistry, prefix: 'aiops_ingress_' });
  return new Hono().get('/', async (c) => {
    const [pipeline, depths, own] = await Promise.all([
      metrics.render(),
      queueDepths(queues),
      processRegistry.metrics(),
    ]);
    return c.text(`${pipeline}${depths}${own}`, 200, { 'Content-Type': processRegistry.contentType });
  });
}

async function queueDepths(queues: Queues): Promise<string> {
  const lines = ['# HELP aiops_queue_jobs Jobs in each queue, by state', '# TYPE aiops_queue_jobs gauge'];
  for (const name of ALL_QUEUES) {
    const counts = await queues[name].getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
    for (const [state, n] of Object.entries(counts))
      lines.push(`aiops_queue_jobs{queue="${name}",state="${state}"} ${n}`);
  }
  return `${lines.join('\n')}\n`;
}
