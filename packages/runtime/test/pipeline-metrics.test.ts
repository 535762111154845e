import { STAGES } from '@aiops/contracts';
import { deletePrefix, testPrefix } from '@aiops/testkit/redis-prefix';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PipelineMetrics, STAGE_DURATION_BUCKETS, WEBHOOK_REFUSAL_REASONS } from '../src/pipeline-metrics';
import { createRedis, type Redis } from '../src/redis';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

let prefix: string;
let redis: Redis;

beforeEach(() => {
  prefix = testPrefix('metrics');
  redis = createRedis(REDIS_URL, 'worker');
});

afterEach(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

/** The value of each sample line of an exposition, by series. */
function samples(text: string): Map<string, number> {
  const lines = text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
  return new Map(
    lines.map((line) => {
      const at = line.lastIndexOf(' ');
      return [line.slice(0, at), Number(line.slice(at + 1))];
    }),
  );
}

describe('PipelineMetrics', () => {
  it('shows every known series at 0 before any job ran', async () => {
    const shown = samples(await new PipelineMetrics(redis, prefix).render());

    expect(shown.get('aiops_webhooks_received_total')).toBe(0);
    expect(shown.get('aiops_incidents_created_total')).toBe(0);
    for (const queue of STAGES) {
      expect(shown.get(`aiops_jobs_completed_total{queue="${queue}"}`)).toBe(0);
      expect(shown.get(`aiops_jobs_failed_total{queue="${queue}"}`)).toBe(0);
      expect(shown.get(`aiops_job_retries_total{queue="${queue}"}`)).toBe(0);
      expect(shown.get(`aiops_stage_duration_seconds_count{stage="${queue}"}`)).toBe(0);
      expect(shown.get(`aiops_stage_duration_seconds_sum{stage="${queue}"}`)).toBe(0);
      expect(shown.get(`aiops_stage_duration_seconds_bucket{stage="${queue}",le="+Inf"}`)).toBe(0);
      for (const le of STAGE_DURATION_BUCKETS)
        expect(shown.get(`aiops_stage_duration_seconds_bucket{stage="${queue}",le="${le}"}`)).toBe(0);
    }
    for (const reason of WEBHOOK_REFUSAL_REASONS)
      expect(shown.get(`aiops_webhooks_refused_total{reason="${reason}"}`)).toBe(0);
  });

  it('adds what is recorded to the zeros, once per series, buckets in ascending order', async () => {
    const metrics = new PipelineMetrics(redis, prefix);
    metrics.inc('aiops_jobs_failed_total', { queue: 'fix' });
    metrics.inc('aiops_job_retries_total', { queue: 'fix' }, 2);
    metrics.observe('aiops_stage_duration_seconds', { stage: 'fix' }, 0.3);
    const text = await metrics.render();
    const shown = samples(text);

    expect(shown.get('aiops_jobs_failed_total{queue="fix"}')).toBe(1);
    expect(shown.get('aiops_job_retries_total{queue="fix"}')).toBe(2);
    expect(shown.get('aiops_jobs_failed_total{queue="plan"}')).toBe(0);
    expect(shown.get('aiops_stage_duration_seconds_bucket{stage="fix",le="0.25"}')).toBe(0);
    expect(shown.get('aiops_stage_duration_seconds_bucket{stage="fix",le="0.5"}')).toBe(1);
    expect(shown.get('aiops_stage_duration_seconds_count{stage="fix"}')).toBe(1);
    const lines = text.split('\n');
    expect(lines.filter((l) => l.startsWith('aiops_jobs_failed_total{queue="fix"}'))).toHaveLength(1);
    const fixBounds = lines
      .filter((l) => l.startsWith('aiops_stage_duration_seconds_bucket{stage="fix"'))
      .map((l) => /le="([^"]+)"/.exec(l)![1]);
    expect(fixBounds).toEqual([...STAGE_DURATION_BUCKETS.map(String), '+Inf']);
  });
});
