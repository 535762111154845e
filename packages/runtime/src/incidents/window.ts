import type { Incident } from '@aiops/contracts';

const DAY_MS = 86_400_000;

/** The metrics window of an incident: from `minutesBefore` its earliest alert (or creation) up to now, at most a day. */
export function incidentWindow(
  incident: Incident,
  minutesBefore: number,
  now = Date.now(),
): { start: number; end: number } {
  const started = Math.min(
    now,
    ...incident.alerts.map((a) => Date.parse(a.startsAt)),
    Date.parse(incident.createdAt),
  );
  return { start: Math.max(now - DAY_MS, started - minutesBefore * 60_000), end: now };
}
