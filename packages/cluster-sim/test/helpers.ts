import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import type { ClusterSim } from '../src/index';

export const SCENARIOS_DIR = join(import.meta.dirname, '../../../../shared/scenarios/k8s');

export function scenarioManifests(name: string): string {
  return readFileSync(join(SCENARIOS_DIR, name, 'manifests.yaml'), 'utf8');
}

export function clients(sim: ClusterSim): { kc: KubeConfig; core: CoreV1Api; apps: AppsV1Api } {
  const kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig());
  return { kc, core: kc.makeApiClient(CoreV1Api), apps: kc.makeApiClient(AppsV1Api) };
}

/** The HTTP status of a client-node ApiException (or undefined if the call succeeded). */
export async function statusOf(
  call: Promise<unknown>,
): Promise<{ code: number; body: { reason?: string; message?: string; kind?: string } } | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    const e = error as { code?: number; body?: unknown };
    const body = typeof e.body === 'string' ? (JSON.parse(e.body) as object) : (e.body as object);
    return { code: e.code ?? 0, body: body as { reason?: string; message?: string } };
  }
}

export const START = new Date('2026-03-01T08:00:00Z');

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A plain HTTPS request to the sim (trusting its CA), with its token unless `token` says otherwise. */
export function raw(
  sim: ClusterSim,
  method: string,
  path: string,
  options: { token?: string | null; body?: string; contentType?: string } = {},
): Promise<RawResponse> {
  const token = options.token === undefined ? sim.token : options.token;
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      new URL(path, sim.url),
      {
        method,
        ca: sim.caCertificate,
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(options.contentType ? { 'Content-Type': options.contentType } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
