import type { GeneratedCase } from '../bench/case-format';
import { emptyEffects } from './effects';
import { Random } from './random';
import {
  addRedHerrings,
  FAULT_KINDS,
  type FaultKind,
  faultFits,
  injectFault,
  type ScenarioFrame,
} from './scenario';
import { simulateMetrics } from './simulate';
import { generateTopology } from './topology';

export interface GenerateOptions {
  /** Sampling step in seconds. Default 5. */
  stepSeconds?: number;
  /** Length of the case in seconds. Default 20 min. */
  durationSeconds?: number;
  /** Force a fault kind (default: each case draws one). */
  fault?: FaultKind;
}

/**
 * One synthetic microservice incident: a call graph of 10+ services, one fault injected into one of them,
 * its effects travelling to the callers with lag and noise, and red herrings around it. The same seed
 * and index always give the same case.
 */
export function generateCase(seed: number, index: number, options: GenerateOptions = {}): GeneratedCase {
  const random = new Random(hashSeed(seed, index));
  const step = options.stepSeconds ?? 5;
  const duration = options.durationSeconds ?? 20 * 60;
  const topology = generateTopology(random.fork());
  const start = 1_700_000_000 + step * Math.floor(random.uniform(0, 365 * 86_400) / step);
  const times = Array.from({ length: Math.floor(duration / step) }, (_, i) => start + i * step);
  // The fault begins between half and three quarters of the way in, at any second.
  const inject = Math.round(start + duration * random.uniform(0.5, 0.75));

  const fault: FaultKind = options.fault ?? random.pick(FAULT_KINDS);
  const root = random.pick(topology.services.filter((s) => faultFits(fault, s)));
  const frame: ScenarioFrame = {
    times,
    topology,
    events: [],
    effects: new Map(topology.services.map((s) => [s.name, emptyEffects(times.length)])),
  };
  injectFault(fault, frame, random.fork(), root, inject);
  addRedHerrings(frame, random.fork(), root, inject);
  const columns = simulateMetrics(topology, times, frame.effects, random.fork());

  return {
    case: {
      name: `case-${String(index + 1).padStart(4, '0')}`,
      time: times,
      columns,
      injectTime: inject,
      topology: { calls: topology.calls.map((c) => [c.caller, c.callee] as [string, string]) },
      events: frame.events.sort((a, b) => a.time - b.time || a.service.localeCompare(b.service)),
    },
    truth: { root_cause: root.name, fault },
  };
}

/** One independent stream per (seed, case): murmur3's finaliser, a bijection, mixes each in turn. */
function hashSeed(seed: number, index: number): number {
  return mix((mix(seed >>> 0) + Math.imul(index + 1, 0x9e3779b9)) >>> 0);
}

function mix(value: number): number {
  let x = value;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}
