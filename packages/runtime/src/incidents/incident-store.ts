import {
  type Alert,
  AlertSchema,
  type Incident,
  type IncidentOutcome,
  IncidentOutcomeSchema,
  type IncidentRequest,
  IncidentSchema,
  type IncidentSlotName,
  type IncidentSlots,
  type IncidentStatus,
  type Severity,
  type StageName,
  type StageState,
  type Target,
  type TimelineEntry,
} from '@aiops/contracts';
import { LuaScript } from '../lua-script';
import type { Redis } from '../redis';
import { SEVERITY_RANK } from './grouping';
import { INTAKE_SCRIPT } from './intake-script';

export interface NewIncident {
  key: string;
  source: Incident['source'];
  groupKey: string;
  title: string;
  severity: Severity;
  target: Target;
  request?: IncidentRequest;
}

/** What recording a group's alerts did to its incident. */
export interface RecordedAlerts {
  id: string;
  created: boolean;
  /** The pipeline's run id, or 'pending' while its first job has not been picked up. */
  pipeline: string;
  status: IncidentStatus;
  resolvedNow: boolean;
}

export interface IncidentSummary {
  id: string;
  title: string;
  status: IncidentStatus;
  outcome: IncidentOutcome | null;
  severity: Severity;
  target: Target;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
}

/** Creates the incident unless one is active for the key; atomic, so concurrent webhooks make one incident. */
const OPEN_SCRIPT = new LuaScript(`
local existing = redis.call('GET', KEYS[1])
if existing then return {existing, 0} end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SET', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[3], 'meta', ARGV[2], 'status', 'open', 'updatedAt', ARGV[3], 'severity', ARGV[5], 'pipeline', 'pending')
redis.call('RPUSH', KEYS[4], ARGV[6])
redis.call('ZADD', KEYS[5], ARGV[4], ARGV[1])
return {ARGV[1], 1}
`);

interface IncidentMeta {
  id: string;
  source: Incident['source'];
  groupKey: string;
  title: string;
  target: Target;
  request?: IncidentRequest;
  createdAt: string;
}

/**
 * The id derives from the incident key (group and target) and the time it opened: a new episode, a new id.
 * `episode` tells apart incidents of one key that could open at the same instant (in one intake batch).
 */
function newIncidentMeta(draft: NewIncident, now: Date, episode = 0): IncidentMeta {
  return {
    id: `inc-${draft.key.slice(0, 12)}-${now.getTime().toString(36)}${episode > 0 ? `-${episode}` : ''}`,
    source: draft.source,
    groupKey: draft.groupKey,
    title: draft.title,
    target: draft.target,
    request: draft.request,
    createdAt: now.toISOString(),
  };
}

/**
 * Incidents live in Redis: a hash per incident (each stage's slot its own field, so stages never overwrite
 * each other), its alerts in a hash by fingerprint, its timeline in an append-only list.
 */
export class IncidentStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly retentionSeconds = 30 * 24 * 3600,
  ) {}

  private hashKey = (id: string) => `${this.prefix}:incident:${id}`;
  private timelineKey = (id: string) => `${this.prefix}:incident:${id}:timeline`;
  private alertsKey = (id: string) => `${this.prefix}:incident:${id}:alerts`;
  private chartsKey = (id: string) => `${this.prefix}:incident:${id}:charts`;
  private activeKey = (key: string) => `${this.prefix}:incident-key:${key}:active`;
  private lastKey = (key: string) => `${this.prefix}:incident-key:${key}:last`;
  private indexKey = () => `${this.prefix}:incidents`;

  /** Opens an incident for the key, or returns the one already active. */
  async open(draft: NewIncident, now = new Date()): Promise<{ id: string; created: boolean }> {
    const meta = newIncidentMeta(draft, now);
    const { id, createdAt } = meta;
    const created: TimelineEntry = {
      at: createdAt,
      stage: 'ingress',
      event: 'created',
      message: draft.title,
    };
    const [openId, isNew] = (await OPEN_SCRIPT.run(
      this.redis,
      [
        this.activeKey(draft.key),
        this.lastKey(draft.key),
        this.hashKey(id),
        this.timelineKey(id),
        this.indexKey(),
      ],
      [id, JSON.stringify(meta), createdAt, String(now.getTime()), draft.severity, JSON.stringify(created)],
    )) as [string, number];
    return { id: openId, created: isNew === 1 };
  }

  /** The incident last opened for the key, active or resolved. */
  async lastForKey(key: string): Promise<string | null> {
    return this.redis.get(this.lastKey(key));
  }

  async exists(id: string): Promise<boolean> {
    return (await this.redis.hexists(this.hashKey(id), 'meta')) === 1;
  }

  /**
   * Records a group's alerts on its incident (opening one for firing alerts when none is active) and resolves
   * the incident once none of its alerts fires. Null for a resolution of an incident never seen.
   */
  async recordAlerts(draft: NewIncident, alerts: Alert[], now = new Date()): Promise<RecordedAlerts | null> {
    const [recorded] = await this.recordAlertGroups([{ draft, alerts }], now);
    return recorded ?? null;
  }

  /** recordAlerts for many groups in one round trip, applied in order (a later group sees an earlier one). */
  async recordAlertGroups(
    groups: { draft: NewIncident; alerts: Alert[] }[],
    now = new Date(),
  ): Promise<(RecordedAlerts | null)[]> {
    if (groups.length === 0) return [];
    const at = now.toISOString();
    const entry = (event: TimelineEntry['event'], message: string): string =>
      JSON.stringify({ at, stage: 'ingress', event, message } satisfies TimelineEntry);
    const keys = [this.indexKey()];
    const args = [
      `${this.prefix}:incident:`,
      at,
      String(now.getTime()),
      String(this.retentionSeconds),
      entry('alerts-updated', 'alerts added or changed; the pipeline already runs for this incident'),
      entry('repeated', 'Alertmanager repeated the notification; nothing new'),
      entry('resolved', 'every alert of the incident resolved'),
    ];
    const seen = new Map<string, number>();
    for (const { draft, alerts } of groups) {
      keys.push(this.activeKey(draft.key), this.lastKey(draft.key));
      const episode = seen.get(draft.key) ?? 0;
      seen.set(draft.key, episode + 1);
      const meta = newIncidentMeta(draft, now, episode);
      args.push(
        alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
        meta.id,
        JSON.stringify(meta),
        draft.severity,
        String(SEVERITY_RANK[draft.severity]),
        entry('created', draft.title),
        String(alerts.length),
      );
      for (const a of alerts) args.push(a.fingerprint, a.status, JSON.stringify(a));
    }
    const results = (await INTAKE_SCRIPT.run(this.redis, keys, args)) as [
      string,
      number,
      string,
      IncidentStatus,
      number,
    ][];
    return results.map(([id, created, pipeline, status, resolvedNow]) =>
      id === '' ? null : { id, created: created === 1, pipeline, status, resolvedNow: resolvedNow === 1 },
    );
  }

  async alerts(id: string): Promise<Alert[]> {
    const stored = await this.redis.hvals(this.alertsKey(id));
    return stored
      .map((s) => AlertSchema.parse(JSON.parse(s)))
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  }

  /** The run id of the incident's pipeline, or 'pending' while its first job is not yet enqueued. */
  async pipelineRun(id: string): Promise<string | null> {
    return this.redis.hget(this.hashKey(id), 'pipeline');
  }

  async appendTimeline(id: string, entry: TimelineEntry): Promise<void> {
    await this.redis
      .multi()
      .rpush(this.timelineKey(id), JSON.stringify(entry))
      .hset(this.hashKey(id), 'updatedAt', entry.at)
      .exec();
  }

  /**
   * Notes on the timeline how many alerts Alertmanager left out of the incident's notification, once per
   * count: Alertmanager repeats the same notification every repeat interval.
   */
  async noteTruncatedAlerts(id: string, count: number, entry: TimelineEntry): Promise<void> {
    if ((await this.redis.hget(this.hashKey(id), 'truncatedAlerts')) === String(count)) return;
    await this.redis
      .multi()
      .hset(this.hashKey(id), 'truncatedAlerts', String(count), 'updatedAt', entry.at)
      .rpush(this.timelineKey(id), JSON.stringify(entry))
      .exec();
  }

  /** Records a stage's state, and optionally the incident status, slots and a timeline entry, atomically. */
  async recordStage(
    id: string,
    stage: StageName,
    state: StageState,
    update: { status?: IncidentStatus; slots?: Partial<IncidentSlots>; timeline?: TimelineEntry } = {},
  ): Promise<void> {
    const fields: Record<string, string> = {
      [`stage:${stage}`]: JSON.stringify(state),
      // The pipeline is under way once a stage has the job; until then intake may enqueue it again.
      ...(state.runId ? { pipeline: state.runId } : {}),
      updatedAt: update.timeline?.at ?? new Date().toISOString(),
    };
    if (update.status) fields.status = update.status;
    if (update.status && IncidentOutcomeSchema.options.includes(update.status as IncidentOutcome)) {
      fields.outcome = update.status;
    }
    for (const [slot, value] of Object.entries(update.slots ?? {}))
      fields[`slot:${slot}`] = JSON.stringify(value);
    const tx = this.redis.multi().hset(this.hashKey(id), fields);
    if (update.timeline) tx.rpush(this.timelineKey(id), JSON.stringify(update.timeline));
    await tx.exec();
  }

  async setSlots(id: string, slots: Partial<IncidentSlots>): Promise<void> {
    const fields = Object.fromEntries(
      Object.entries(slots).map(([slot, v]) => [`slot:${slot}`, JSON.stringify(v)]),
    );
    await this.redis.hset(this.hashKey(id), { ...fields, updatedAt: new Date().toISOString() });
  }

  async get(id: string): Promise<Incident | null> {
    const [hash, timeline, alerts] = await Promise.all([
      this.redis.hgetall(this.hashKey(id)),
      this.redis.lrange(this.timelineKey(id), 0, -1),
      this.redis.hvals(this.alertsKey(id)),
    ]);
    if (!hash.meta) return null;
    const meta = JSON.parse(hash.meta) as IncidentMeta;
    const slot = <K extends IncidentSlotName>(name: K, empty: IncidentSlots[K]): IncidentSlots[K] =>
      hash[`slot:${name}`] ? JSON.parse(hash[`slot:${name}`] as string) : empty;
    const stages: Partial<Record<StageName, StageState>> = {};
    for (const [field, value] of Object.entries(hash)) {
      if (field.startsWith('stage:')) stages[field.slice(6) as StageName] = JSON.parse(value);
    }
    return IncidentSchema.parse({
      ...meta,
      request: meta.request ?? null,
      status: hash.resolvedAt ? 'resolved' : hash.status,
      outcome: hash.outcome ?? null,
      severity: hash.severity,
      updatedAt: hash.updatedAt,
      resolvedAt: hash.resolvedAt ?? null,
      alerts: alerts
        .map((a) => JSON.parse(a))
        .sort((a: Alert, b: Alert) => a.startsAt.localeCompare(b.startsAt)),
      stages,
      timeline: timeline.map((t) => JSON.parse(t)),
      detection: slot('detection', null),
      anomalies: slot('anomalies', null),
      correlations: slot('correlations', null),
      findings: slot('findings', null),
      rca: slot('rca', null),
      plan: slot('plan', null),
      fix: slot('fix', null),
      actions: slot('actions', []),
      notifications: slot('notifications', []),
    });
  }

  /** The SVG charts of the incident's RCA report, by name. */
  async setCharts(id: string, charts: { name: string; svg: string }[]): Promise<void> {
    if (charts.length === 0) return;
    await this.redis
      .multi()
      .hset(this.chartsKey(id), Object.fromEntries(charts.map((c) => [c.name, c.svg])))
      .expire(this.chartsKey(id), this.retentionSeconds)
      .exec();
  }

  chart(id: string, name: string): Promise<string | null> {
    return this.redis.hget(this.chartsKey(id), name);
  }

  /** Newest first. */
  async list(options: { status?: IncidentStatus; limit: number }): Promise<IncidentSummary[]> {
    const summaries: IncidentSummary[] = [];
    const page = Math.max(options.limit, 100);
    for (let start = 0; summaries.length < options.limit; start += page) {
      const ids = await this.redis.zrevrange(this.indexKey(), start, start + page - 1);
      if (ids.length === 0) break;
      const rows = await Promise.all(
        ids.map((id) =>
          this.redis.hmget(
            this.hashKey(id),
            'meta',
            'status',
            'severity',
            'updatedAt',
            'resolvedAt',
            'outcome',
          ),
        ),
      );
      const expired: string[] = [];
      for (const [i, [meta, status, severity, updatedAt, resolvedAt, outcome]] of rows.entries()) {
        if (!meta) {
          expired.push(ids[i] as string);
          continue;
        }
        const m = JSON.parse(meta) as IncidentMeta;
        const summary: IncidentSummary = {
          id: m.id,
          title: m.title,
          target: m.target,
          createdAt: m.createdAt,
          status: (resolvedAt ? 'resolved' : status) as IncidentStatus,
          outcome: (outcome ?? null) as IncidentOutcome | null,
          severity: severity as Severity,
          updatedAt: updatedAt ?? m.createdAt,
          resolvedAt: resolvedAt ?? null,
        };
        if (!options.status || summary.status === options.status) summaries.push(summary);
      }
      if (expired.length > 0) await this.redis.zrem(this.indexKey(), ...expired);
    }
    return summaries.slice(0, options.limit);
  }
}
