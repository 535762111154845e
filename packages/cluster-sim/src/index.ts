export { parseQuantity, tryParseQuantity } from '@aiops/contracts';
export type { ClockInfo } from './api/control-api';
export { ApiError, type Status } from './api/status';
export { Cluster, type ClusterOptions, DEFAULT_NODE_NAME } from './cluster';
export {
  type ClusterSim,
  type ClusterSimOptions,
  startClusterSim,
  type WaitForOptions,
} from './cluster-sim';
export { SimControlClient } from './control-client';
export { BEHAVIOUR_ANNOTATIONS, type Behaviour, behaviourOf } from './controller/behaviour';
export type * from './kube/types';
export { kubeconfigYaml } from './kubeconfig';
export { type AppliedObject, type ApplyAction, parseManifests } from './manifests';
export { loadScenario, loadScenarios } from './scenarios/load-scenarios';
export {
  type Scenario,
  type ScenarioExpectation,
  ScenarioExpectationSchema,
  type ScenarioOutcome,
  ScenarioOutcomeSchema,
} from './scenarios/scenario-schema';
export {
  startScenarioSim,
  type WarmUpOptions,
  type WarmUpResult,
  warmUpScenario,
} from './scenarios/scenario-sim';
export {
  changedContainerFields,
  type EventObservation,
  observeWorkload,
  type PodObservation,
  symptomsShown,
  type WorkloadObservation,
} from './scenarios/workload';
