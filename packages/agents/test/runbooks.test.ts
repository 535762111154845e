import { readdirSync } from 'node:fs';
import { FindingCategorySchema } from '@aiops/contracts';
import { describe, expect, it } from 'vitest';
import { defaultRunbookIndex, RUNBOOKS_DIR, searchRunbooks } from '../src';

const SECTIONS = ['Symptoms', 'How to confirm', 'Safe fix', 'When it cannot be fixed automatically'];

describe('runbooks', () => {
  it('has a runbook with every section for each finding category and each alert runbook', () => {
    const files = readdirSync(RUNBOOKS_DIR).filter((f) => f.endsWith('.md'));
    for (const category of FindingCategorySchema.options) expect(files).toContain(`${category}.md`);
    for (const file of files) {
      for (const heading of SECTIONS)
        expect(defaultRunbookIndex().section(file, heading), `${file}: ${heading}`).toBeDefined();
    }
  });

  it.each(FindingCategorySchema.options)('BM25 finds the %s runbook by its category name', (category) => {
    expect(searchRunbooks(category, 1)[0]?.file).toBe(`${category}.md`);
  });

  it.each([
    ['KubePodCrashLooping', 'alert-kube-pod-crash-looping.md'],
    ['KubePodNotReady', 'alert-kube-pod-not-ready.md'],
    ['KubeDeploymentReplicasMismatch', 'alert-kube-deployment-replicas-mismatch.md'],
    ['KubeContainerOOMKilled', 'alert-kube-container-oom-killed.md'],
    ['high CPU usage', 'alert-high-cpu.md'],
    ['high memory usage', 'alert-high-memory.md'],
  ])('BM25 finds the runbook of alert %s', (alert, file) => {
    expect(searchRunbooks(alert, 1)[0]?.file).toBe(file);
  });

  it.each([
    ['pods stuck in Pending, FailedScheduling: Insufficient cpu', 'resources-unschedulable.md'],
    ['the readiness probe fails with HTTP 404', 'probe-path-not-found.md'],
    ['ErrImagePull: manifest unknown', 'image-pull-failure.md'],
    ['logs say missing required environment variable DATABASE_URL', 'missing-env.md'],
    ['the liveness probe kills the container before it finishes starting', 'liveness-kills-slow-start.md'],
    ['pods keep restarting with errors in the logs', 'crash-loop.md'],
    ['CPU throttling makes requests slow', 'alert-high-cpu.md'],
  ])('BM25 answers "%s" with %s', (query, file) => {
    expect(searchRunbooks(query, 1)[0]?.file).toBe(file);
  });

  it('returns passages with their file, title and heading, best first', () => {
    const hits = searchRunbooks('container exit code 137 OOMKilled', 3);
    expect(hits).toHaveLength(3);
    expect(hits[0]?.title).toMatch(/OOM/);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    expect(searchRunbooks('zzzz qqqq', 3)).toEqual([]);
  });
});
