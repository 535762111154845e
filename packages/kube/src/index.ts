export { ANALYZERS } from './analyzers/registry';
export { AuditLog } from './audit';
export {
  type AutofixDeps,
  type AutofixInput,
  type AutofixReport,
  type AutofixStatus,
  runAutofix,
} from './autofix';
export { createKubeApis, type KubeApis, loadKubeConfig } from './client';
export { Cluster, ClusterError } from './cluster';
export { diagnoseDeployment, diagnoseNamespace, diagnoseWorkload } from './diagnose';
export { diffObjects } from './diff';
export { type KubeEnv, KubeEnvSchema } from './env';
export { FIXERS } from './fixers/registry';
export { changeViolations, type FixPolicy, namespaceRefusal, policyFromEnv } from './policy';
export { rolloutComplete, verifyRollout } from './verify';
export { readWorkload, type Workload } from './workload';
