import { AppsV1Api, CoreV1Api, CustomObjectsApi, KubeConfig, VersionApi } from '@kubernetes/client-node';
import type { KubeEnv } from './env';

/** KUBECONFIG-style loading as in the seed: K8S_IN_CLUSTER, then K8S_CONFIG_PATH, then the defaults. */
export function loadKubeConfig(
  env: Pick<KubeEnv, 'K8S_CONFIG_PATH' | 'KUBECONFIG' | 'K8S_IN_CLUSTER'>,
): KubeConfig {
  const kc = new KubeConfig();
  if (env.K8S_IN_CLUSTER) kc.loadFromCluster();
  else if (env.K8S_CONFIG_PATH) kc.loadFromFile(env.K8S_CONFIG_PATH);
  else if (env.KUBECONFIG) kc.loadFromFile(env.KUBECONFIG);
  else kc.loadFromDefault();
  if (!kc.getCurrentCluster()) {
    throw new Error(
      'no Kubernetes cluster configured: set KUBECONFIG, K8S_CONFIG_PATH or K8S_IN_CLUSTER=true',
    );
  }
  return kc;
}

export interface KubeApis {
  config: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  version: VersionApi;
  custom: CustomObjectsApi;
}

export function createKubeApis(config: KubeConfig): KubeApis {
  return {
    config,
    core: config.makeApiClient(CoreV1Api),
    apps: config.makeApiClient(AppsV1Api),
    version: config.makeApiClient(VersionApi),
    custom: config.makeApiClient(CustomObjectsApi),
  };
}
