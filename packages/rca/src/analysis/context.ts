import type { Anomaly } from '@aiops/contracts';
import { entityKey } from '../entity';
import {
  type ClusterEvent,
  type EntityRef,
  type ParsedRankingInput,
  type RankingInput,
  RankingInputSchema,
} from '../input';
import { median } from '../stats/robust';
import { changePointOnset } from './change-point-onset';
import { buildDependencyGraph, type DependencyGraph } from './dependency-graph';
import { metricWeight } from './metric-kind';
import { analyzeSeries, type SeriesAnalysis } from './series-analysis';

export interface RankingOptions {
  /** How long before the alert time the onset may lie; the baseline ends there. Default 5 min. */
  onsetLookbackMs?: number;
  /** An entity (or series) at or above this strength counts as anomalous. Default 0.3. */
  significantStrength?: number;
  /** Candidates returned. Default 10. */
  maxCandidates?: number;
}

/** One anomalous signal of an entity: a metric series we scored or an anomaly the detect stage found. */
export interface EntitySignal {
  metric: string;
  onset: number;
  strength: number;
  direction: 'up' | 'down';
  /** Robust score at the peak ((x - median) / IQR); for a detector's anomaly, the score its strength implies. */
  peak: number;
  analysis: SeriesAnalysis | null;
  /** The detect stage's anomaly this signal stands for, when it came from one rather than a series. */
  detected?: Anomaly;
}

export interface EntityState {
  key: string;
  entity: EntityRef;
  /** Significant signals, strongest first. */
  signals: EntitySignal[];
  /** Strength of the strongest signal (0 when none is significant). */
  strength: number;
  /** Earliest onset among the significant signals at least half as strong as the strongest. */
  onset: number | null;
}

export interface RankingContext {
  input: ParsedRankingInput;
  entities: ReadonlyMap<string, EntityState>;
  analyses: SeriesAnalysis[];
  events: ClusterEvent[];
  graph: DependencyGraph;
  /** The alert time given, or the change-point onset when none was given. */
  alertTime: number;
  alertTimeGiven: boolean;
  /** Earliest onset among anomalous entities: when the incident began. */
  onset: number | null;
  start: number;
  end: number;
  stepMs: number;
  significantStrength: number;
}

const DEFAULT_LOOKBACK_MS = 5 * 60_000;

export function buildRankingContext(rawInput: RankingInput, options: RankingOptions = {}): RankingContext {
  const input = RankingInputSchema.parse(rawInput);
  const significantStrength = options.significantStrength ?? 0.3;
  const entities = new Map<string, EntityState>();
  const ensure = (entity: EntityRef): EntityState => {
    const key = entityKey(entity);
    let state = entities.get(key);
    if (!state) {
      state = { key, entity, signals: [], strength: 0, onset: null };
      entities.set(key, state);
    }
    return state;
  };
  for (const entity of input.entities) ensure(entity);
  for (const s of input.series) ensure(s.entity);
  for (const edge of input.edges) {
    ensure(edge.from);
    ensure(edge.to);
  }
  for (const event of input.events) ensure(event.entity);

  const times = [
    ...input.series.flatMap((s) => [s.timestamps[0], s.timestamps.at(-1)]).filter(isNumber),
    ...input.events.map((e) => e.time),
    ...(input.alertTime !== undefined ? [input.alertTime] : []),
  ];
  // With no data at all the window is an instant: the report still renders and says there was nothing.
  const start = times.length > 0 ? Math.min(...times) : 0;
  const end = times.length > 0 ? Math.max(...times) : 0;
  const stepMs =
    median(
      input.series.filter((s) => s.timestamps.length > 1).map((s) => s.timestamps[1]! - s.timestamps[0]!),
    ) || 60_000;

  const alertTimeGiven = input.alertTime !== undefined;
  const alertTime =
    input.alertTime ?? changePointOnset(input.series, { notBefore: start + (end - start) / 5 }) ?? end;
  const lookback = Math.min(
    options.onsetLookbackMs ?? DEFAULT_LOOKBACK_MS,
    Math.max(0, (alertTime - start) / 2),
  );
  const window = { baselineEnd: alertTime - lookback, searchStart: alertTime - lookback };
  const analyses = input.series.map((s) => analyzeSeries(s, window));

  for (const analysis of analyses) {
    const strength = analysis.strength * metricWeight(analysis.series.metric);
    if (analysis.onsetIndex === null || strength < significantStrength) continue;
    ensure(analysis.series.entity).signals.push({
      metric: analysis.series.metric,
      onset: analysis.series.timestamps[analysis.onsetIndex]!,
      strength,
      direction: analysis.direction ?? 'up',
      peak: analysis.peak,
      analysis,
    });
  }
  for (const anomaly of input.anomalies) {
    if (anomaly.score < significantStrength) continue;
    const entity = entityFromLabels(
      anomaly,
      [...entities.values()].map((e) => e.entity),
    );
    if (!entity) continue;
    ensure(entity).signals.push({
      metric: anomaly.metric,
      onset: Date.parse(anomaly.onset),
      strength: anomaly.score,
      direction: anomaly.direction,
      peak: -8 * Math.log(1 - Math.min(anomaly.score, 0.999)),
      analysis: null,
      detected: anomaly,
    });
  }

  const sorted = new Map([...entities].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  let onset: number | null = null;
  for (const state of sorted.values()) {
    state.signals.sort(
      (a, b) => b.strength - a.strength || a.onset - b.onset || a.metric.localeCompare(b.metric),
    );
    state.strength = state.signals[0]?.strength ?? 0;
    // The entity's onset is that of its main anomaly or of one comparable to it, not of a faint early one.
    const comparable = state.signals.filter((s) => s.strength >= 0.5 * state.strength);
    state.onset = comparable.length > 0 ? Math.min(...comparable.map((s) => s.onset)) : null;
    if (state.onset !== null && (onset === null || state.onset < onset)) onset = state.onset;
  }

  return {
    input,
    entities: sorted,
    analyses,
    events: [...input.events].sort(
      (a, b) => a.time - b.time || entityKey(a.entity).localeCompare(entityKey(b.entity)),
    ),
    graph: buildDependencyGraph(input.edges),
    alertTime,
    alertTimeGiven,
    onset,
    start,
    end,
    stepMs,
    significantStrength,
  };
}

/** How far back from a time a signal beyond the threshold still counts as active at that time. */
const ACTIVE_WINDOW_MS = 60_000;

/**
 * Whether the entity's anomaly was still going on at a time (within the minute before it): a blip that
 * ended before another entity's anomaly began did not cause it. Anomalies from the detect stage carry no
 * series, so they count as active from their onset on.
 */
export function isActiveAt(state: EntityState, time: number): boolean {
  return state.signals.some((signal) => {
    if (signal.onset > time) return false;
    const analysis = signal.analysis;
    if (!analysis) return true;
    const sign = signal.direction === 'up' ? 1 : -1;
    const { timestamps } = analysis.series;
    for (let i = analysis.onsetIndex ?? 0; i < timestamps.length && timestamps[i]! <= time; i++) {
      if (timestamps[i]! >= time - ACTIVE_WINDOW_MS && analysis.scores[i]! * sign > 3) return true;
    }
    return false;
  });
}

/** Whether any of the entity's anomalous signals is beyond the threshold at some point from a time on. */
export function isActiveAfter(state: EntityState, from: number): boolean {
  return state.signals.some((signal) => {
    const analysis = signal.analysis;
    if (!analysis) return true;
    const sign = signal.direction === 'up' ? 1 : -1;
    const { timestamps } = analysis.series;
    return timestamps.some((t, i) => t >= from && analysis.scores[i]! * sign > 3);
  });
}

const LABEL_KINDS: [string, EntityRef['kind']][] = [
  ['pod', 'pod'],
  ['deployment', 'deployment'],
  ['service', 'service'],
  ['node', 'node'],
];

/** The entity an anomaly's labels point at: the most specific of pod, deployment, service, node. */
function entityFromLabels(anomaly: Anomaly, known: readonly EntityRef[]): EntityRef | null {
  const namespace = anomaly.labels.namespace;
  for (const [label, kind] of LABEL_KINDS) {
    const name = anomaly.labels[label];
    if (!name) continue;
    const match = known.find(
      (e) => e.kind === kind && e.name === name && (!namespace || !e.namespace || e.namespace === namespace),
    );
    return match ?? { kind, name, ...(namespace ? { namespace } : {}) };
  }
  return null;
}

function isNumber(value: number | undefined): value is number {
  return value !== undefined;
}
