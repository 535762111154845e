import { type Incident, STAGES } from '@aiops/contracts';

const MARK: Record<string, string> = { done: '✓', running: '…', failed: '✗', pending: '·' };

function stageMarks(incident: Incident): string {
  return STAGES.map((s) => (MARK[incident.stages[s]?.state ?? 'pending'] ?? '·').padEnd(8)).join('');
}

export function targetOf(incident: Incident): string {
  const t = incident.target;
  return t.kind === 'cluster' ? 'cluster' : `${t.namespace ? `${t.namespace}/` : ''}${t.name ?? ''}`;
}

/** Seconds from the incident's creation to its fix stage finishing, when it fixed something. */
export function timeToFix(incident: Incident): number | undefined {
  const finished = incident.stages.fix?.finishedAt;
  if (incident.outcome !== 'fixed' || !finished) return undefined;
  return (Date.parse(finished) - Date.parse(incident.createdAt)) / 1000;
}

/** One screen of the live view: each incident and where it is in the pipeline. */
export function renderLiveView(incidents: Incident[], header: string[]): string {
  const lines = [
    ...header,
    '',
    `${'target'.padEnd(34)}${'alert'.padEnd(32)}${STAGES.map((s) => s.padEnd(8)).join('')}outcome`,
  ];
  for (const incident of incidents) {
    const alert = incident.alerts[0]?.labels.alertname ?? incident.source;
    lines.push(
      `${targetOf(incident).slice(0, 33).padEnd(34)}${alert.slice(0, 31).padEnd(32)}${stageMarks(incident)}${incident.outcome ?? incident.status}`,
    );
  }
  if (incidents.length === 0)
    lines.push('(waiting for the first alerts: faults take a little while to show)');
  return `${lines.join('\n')}\n`;
}

/** The closing table: outcome and time to fix per incident, and where to look. */
export function renderSummary(incidents: Incident[], baseUrl: string, healthy: string[] = []): string {
  const lines = ['', `${'target'.padEnd(34)}${'outcome'.padEnd(11)}${'time to fix'.padEnd(13)}incident`];
  for (const incident of incidents) {
    const seconds = timeToFix(incident);
    lines.push(
      `${targetOf(incident).slice(0, 33).padEnd(34)}${(incident.outcome ?? incident.status).padEnd(11)}${(seconds === undefined ? '-' : `${seconds.toFixed(1)} s`).padEnd(13)}${baseUrl}/api/v1/incidents/${incident.id}`,
    );
  }
  for (const target of healthy) lines.push(`${target.slice(0, 33).padEnd(34)}${'healthy'.padEnd(11)}-`);
  return `${lines.join('\n')}\n`;
}
