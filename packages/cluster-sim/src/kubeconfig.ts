/** An ordinary kubeconfig for the simulated cluster: one cluster, one user with a bearer token, one context. */
import { stringify } from 'yaml';

export const KUBECONFIG_NAME = 'cluster-sim';

/** `caPem`: the CA of an HTTPS server (embedded as certificate-authority-data). */
export function kubeconfigYaml(server: string, token: string, caPem?: string, namespace = 'default'): string {
  const cluster = caPem
    ? { server, 'certificate-authority-data': Buffer.from(caPem).toString('base64') }
    : { server };
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: KUBECONFIG_NAME, cluster }],
    users: [{ name: `${KUBECONFIG_NAME}-admin`, user: { token } }],
    contexts: [
      {
        name: KUBECONFIG_NAME,
        context: { cluster: KUBECONFIG_NAME, user: `${KUBECONFIG_NAME}-admin`, namespace },
      },
    ],
    'current-context': KUBECONFIG_NAME,
    preferences: {},
  });
}
