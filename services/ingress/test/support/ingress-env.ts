/** Credentials of the ingress under test. */
export const WEBHOOK_TOKEN = 'webhook-token-for-tests-0001';
export const API_TOKEN = 'api-token-for-tests-00001';
export const DASHBOARD_PASSWORD = 'dashboard-pass-01';

/** The environment of an in-process ingress under test: a free port, the credentials above, no logs. */
export function ingressTestEnv(env: Record<string, string>): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    WEBHOOK_TOKEN,
    API_TOKEN,
    DASHBOARD_PASSWORD,
    LOG_LEVEL: 'silent',
    ...env,
  };
}
