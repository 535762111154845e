/** Starting a simulated cluster for a scenario and letting it run until the workload shows its symptoms. */
import { type ClusterSim, type ClusterSimOptions, startClusterSim } from '../cluster-sim';
import type { Scenario } from './scenario-schema';
import { observeWorkload, symptomsShown, type WorkloadObservation } from './workload';

/** A simulated cluster with the scenario's manifests applied (its Nodes, or the default node). */
export function startScenarioSim(scenario: Scenario, options: ClusterSimOptions = {}): Promise<ClusterSim> {
  return startClusterSim({ ...options, manifests: scenario.manifests });
}

export interface WarmUpOptions {
  /** Run at least this long, so failures repeat (restarts, back-off); default 120 s. */
  minSimSeconds?: number;
  /** Give up waiting for symptoms after this long; default 600 s. */
  maxSimSeconds?: number;
  /** Manual clock: seconds advanced between checks; default 5. */
  stepSeconds?: number;
}

export interface WarmUpResult {
  symptomsShown: boolean;
  simSeconds: number;
  observation: WorkloadObservation;
}

/** Lets simulated time run until the scenario's workload shows its symptoms (at least `minSimSeconds`). */
export async function warmUpScenario(
  sim: ClusterSim,
  scenario: Scenario,
  options: WarmUpOptions = {},
): Promise<WarmUpResult> {
  const { minSimSeconds = 120, maxSimSeconds = 600, stepSeconds = 5 } = options;
  const { namespace, deployment } = scenario.expect.target;
  const start = sim.now();
  const observe = () => observeWorkload(sim.cluster, namespace, deployment);
  const shown = await sim.waitFor(
    () => sim.now() - start >= minSimSeconds * 1000 && symptomsShown(observe(), scenario.expect),
    { simSeconds: maxSimSeconds, stepSeconds },
  );
  return { symptomsShown: shown, simSeconds: (sim.now() - start) / 1000, observation: observe() };
}
