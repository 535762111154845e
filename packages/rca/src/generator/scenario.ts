import type { ServiceEffects } from './effects';
import type { Random } from './random';
import type { ServiceProfile, Topology } from './topology';

export const FAULT_KINDS = ['cpu', 'mem', 'latency', 'error', 'restart', 'rollout'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface ScenarioEvent {
  time: number;
  service: string;
  kind: 'rollout' | 'config' | 'scale' | 'restart' | 'oom';
  detail: string;
}

/** The sampling grid and the effect arrays a scenario writes into. */
export interface ScenarioFrame {
  times: number[];
  effects: Map<string, ServiceEffects>;
  topology: Topology;
  events: ScenarioEvent[];
}

/** Faults that only show in request metrics need a service that has them (not a datastore). */
export function faultFits(kind: FaultKind, service: ServiceProfile): boolean {
  if (service.role === 'batch') return false;
  if (service.role === 'datastore') return kind === 'cpu' || kind === 'mem' || kind === 'restart';
  return true;
}

/** Fraction of the fault's full effect at a time: faults reach full strength over a short ramp. */
function ramp(time: number, start: number, rampSeconds: number): number {
  if (time < start) return 0;
  return rampSeconds <= 0 ? 1 : Math.min(1, (time - start + 1) / rampSeconds);
}

/** Takes a service down for a few steps at a restart, with the start-up CPU burst of the new process. */
function restartAt(frame: ScenarioFrame, random: Random, service: ServiceProfile, time: number): number {
  const effects = frame.effects.get(service.name)!;
  const downSeconds = random.uniform(10, 30);
  let restartedAt = -1;
  frame.times.forEach((t, i) => {
    if (t >= time && t < time + downSeconds) effects.down[i] = true;
    if (t >= time && restartedAt < 0) {
      restartedAt = i;
      effects.restarts[i]! += 1;
    }
    if (t >= time + downSeconds && t < time + downSeconds + 30) effects.cpuAdd[i]! += random.uniform(1, 2);
  });
  return time + downSeconds;
}

/** Writes the fault's effects on the root-cause service and the events it leaves; effects start at `start`. */
export function injectFault(
  kind: FaultKind,
  frame: ScenarioFrame,
  random: Random,
  root: ServiceProfile,
  start: number,
): void {
  const effects = frame.effects.get(root.name)!;
  const rampSeconds = random.uniform(0, 20);
  const end = frame.times.at(-1)!;
  switch (kind) {
    case 'cpu': {
      const hog = random.uniform(0.3, 4);
      const slowdown = random.uniform(1.1, 2.5);
      frame.times.forEach((t, i) => {
        const f = ramp(t, start, rampSeconds);
        effects.cpuAdd[i]! += hog * f;
        effects.latencyFactor[i]! *= 1 + (slowdown - 1) * f;
      });
      return;
    }
    case 'mem': {
      const slopePerSecond = (root.memBaseMiB * random.uniform(0.01, 0.12)) / 60;
      const limit = root.memBaseMiB * random.uniform(0.25, 0.6);
      const ooms = random.chance(0.5);
      let leakStart = start;
      frame.times.forEach((t, i) => {
        if (t < leakStart) return;
        const leaked = (t - leakStart) * slopePerSecond;
        if (ooms && leaked >= limit) {
          frame.events.push({
            time: Math.round(t),
            service: root.name,
            kind: 'oom',
            detail: 'container OOMKilled',
          });
          frame.events.push({
            time: Math.round(t),
            service: root.name,
            kind: 'restart',
            detail: 'restarted after OOMKilled',
          });
          leakStart = restartAt(frame, random, root, t);
          return;
        }
        effects.memAddMiB[i]! += leaked;
        effects.latencyFactor[i]! *= 1 + 0.3 * Math.min(1, leaked / limit);
      });
      return;
    }
    case 'latency': {
      const delay = Math.max(random.uniform(20, 400), root.ownLatencyMs * 1.5);
      frame.times.forEach((t, i) => {
        effects.latencyAddMs[i]! += delay * ramp(t, start, rampSeconds);
      });
      return;
    }
    case 'error': {
      const ratio = random.uniform(0.01, 0.3);
      frame.times.forEach((t, i) => {
        effects.errorRatioAdd[i]! += ratio * ramp(t, start, rampSeconds);
      });
      return;
    }
    case 'restart': {
      let at = start;
      while (at < end) {
        frame.events.push({
          time: Math.round(at),
          service: root.name,
          kind: 'restart',
          detail: 'container exited with code 1',
        });
        at = restartAt(frame, random, root, at) + random.uniform(40, 120);
      }
      return;
    }
    case 'rollout': {
      const version = `v${random.int(1, 4)}.${random.int(0, 20)}.${random.int(0, 9)}`;
      frame.events.push({
        time: Math.round(start - random.uniform(0, 30)),
        service: root.name,
        kind: 'rollout',
        detail: `image ${root.name}:${version}`,
      });
      const errors = random.chance(0.7) ? random.uniform(0.02, 0.3) : 0;
      const delay = errors === 0 || random.chance(0.3) ? random.uniform(20, 300) : 0;
      const memory = random.chance(0.3) ? root.memBaseMiB * random.uniform(0.2, 0.5) : 0;
      frame.times.forEach((t, i) => {
        const f = ramp(t, start, Math.max(rampSeconds, 10));
        effects.errorRatioAdd[i]! += errors * f;
        effects.latencyAddMs[i]! += delay * f;
        effects.memAddMiB[i]! += memory * f;
        if (t >= start && t < start + 30) effects.cpuAdd[i]! += 0.5;
      });
      return;
    }
  }
}

/**
 * Things that look suspicious but did not cause the incident: a noisy service with spikes, a batch job's
 * periodic bursts, a harmless rollout or config change elsewhere, an autoscaler reacting after the onset.
 */
export function addRedHerrings(
  frame: ScenarioFrame,
  random: Random,
  root: ServiceProfile,
  start: number,
): void {
  const others = frame.topology.services.filter((s) => s.name !== root.name);
  const end = frame.times.at(-1)!;
  const batch = others.find((s) => s.role === 'batch');
  if (batch) {
    const period = random.pick([180, 300, 600]);
    const length = random.uniform(20, 60);
    const phase = random.uniform(0, period);
    const burst = random.uniform(2, 6);
    const effects = frame.effects.get(batch.name)!;
    frame.times.forEach((t, i) => {
      if ((t + phase) % period < length) {
        effects.cpuAdd[i]! += burst;
        effects.memAddMiB[i]! += batch.memBaseMiB * 0.3;
      }
    });
  }
  if (random.chance(0.5)) {
    const noisy = random.pick(others);
    const effects = frame.effects.get(noisy.name)!;
    noisy.noise *= 3;
    const spikes = random.poisson((frame.times.length * (frame.times[1]! - frame.times[0]!)) / 180);
    for (let k = 0; k < spikes; k++) {
      const at = random.uniform(frame.times[0]!, end);
      const steps = random.int(1, 4);
      const size = random.uniform(3, 8);
      const from = frame.times.findIndex((t) => t >= at);
      for (let i = from; i >= 0 && i < Math.min(frame.times.length, from + steps); i++) {
        effects.cpuAdd[i]! += size / 2;
        effects.latencyFactor[i]! *= 1 + size / 4;
      }
    }
  }
  if (random.chance(0.5)) {
    const target = random.pick(others.filter((s) => s.role !== 'batch'));
    const at = random.chance(0.6) ? start - random.uniform(30, 900) : start + random.uniform(30, 240);
    if (at > frame.times[0]! && at < end) {
      frame.events.push({
        time: Math.round(at),
        service: target.name,
        kind: 'rollout',
        detail: `image ${target.name}:v${random.int(1, 4)}.${random.int(0, 20)}.${random.int(0, 9)}`,
      });
      const effects = frame.effects.get(target.name)!;
      frame.times.forEach((t, i) => {
        if (t >= at && t < at + 30) effects.cpuAdd[i]! += random.uniform(0.3, 1);
      });
    }
  }
  if (random.chance(0.25)) {
    const target = random.pick(others);
    frame.events.push({
      time: Math.round(random.uniform(frame.times[0]!, end)),
      service: target.name,
      kind: 'config',
      detail: 'ConfigMap updated: log level',
    });
  }
  const callers = frame.topology.calls.filter((c) => c.callee === root.name).map((c) => c.caller);
  const reactionAt = start + random.uniform(60, 180);
  if (callers.length > 0 && reactionAt < end && random.chance(0.4)) {
    const replicas = random.int(2, 4);
    frame.events.push({
      time: Math.round(reactionAt),
      service: random.pick(callers),
      kind: 'scale',
      detail: `HorizontalPodAutoscaler: replicas ${replicas} -> ${replicas + random.int(1, 3)}`,
    });
  }
}
