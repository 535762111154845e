import type { WorkflowSubject } from './subject';
import { clip } from './untrusted';

/** The incident as the agents read it: compact, every free text cut short (it is redacted when sent). */
export function incidentData(subject: WorkflowSubject): Record<string, unknown> {
  return {
    id: subject.id,
    title: clip(subject.title, 300),
    target: subject.target,
    description: clip(subject.description, 4000),
    alerts: subject.alerts.slice(0, 10).map((a) => ({
      status: a.status,
      labels: a.labels,
      annotations: Object.fromEntries(Object.entries(a.annotations).map(([k, v]) => [k, clip(v, 600)])),
      startsAt: a.startsAt,
    })),
    findings: subject.findings.slice(0, 10).map((f) => ({
      category: f.category,
      resource: f.resource,
      container: f.container,
      fixable: f.fixable,
      message: clip(f.message, 400),
    })),
    rootCause: subject.rca
      ? {
          summary: clip(subject.rca.summary, 1000),
          candidates: subject.rca.candidates.slice(0, 3).map((c) => ({
            rank: c.rank,
            resource: c.resource,
            confidence: c.confidence,
            reason: clip(c.reason, 300),
          })),
        }
      : null,
    anomalies: [...subject.anomalies]
      .sort((a, b) => b.score - a.score)
      .slice(0, 5)
      .map((a) => ({
        metric: a.metric,
        labels: a.labels,
        score: a.score,
        direction: a.direction,
        onset: a.onset,
      })),
  };
}
