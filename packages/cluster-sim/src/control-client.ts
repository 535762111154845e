/** A client of the /sim/v1 control API, for processes that do not run the simulated cluster themselves. */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { parse as parseYaml } from 'yaml';
import type { ClockInfo } from './api/control-api';
import type { AppliedObject } from './manifests';

export class SimControlClient {
  /** `caCertificate`: PEM of the sim's CA when it serves HTTPS. */
  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly caCertificate?: string,
  ) {}

  /** A client for the cluster a kubeconfig (as `ClusterSim.kubeconfig()` writes it) points at. */
  static fromKubeconfig(kubeconfig: string): SimControlClient {
    const config = parseYaml(kubeconfig) as {
      'current-context'?: string;
      contexts?: { name: string; context: { cluster: string; user: string } }[];
      clusters?: { name: string; cluster: { server: string; 'certificate-authority-data'?: string } }[];
      users?: { name: string; user: { token?: string } }[];
    };
    const context = config.contexts?.find((c) => c.name === config['current-context'])?.context;
    const cluster = config.clusters?.find((c) => c.name === context?.cluster)?.cluster;
    const token = config.users?.find((u) => u.name === context?.user)?.user.token;
    if (!cluster || !token) throw new Error('the kubeconfig has no current cluster with a bearer token');
    const ca = cluster['certificate-authority-data'];
    return new SimControlClient(
      cluster.server,
      token,
      ca ? Buffer.from(ca, 'base64').toString('utf8') : undefined,
    );
  }

  clock(): Promise<ClockInfo> {
    return this.call<ClockInfo>('GET', '/sim/v1/clock');
  }

  advance(seconds: number): Promise<ClockInfo> {
    return this.call<ClockInfo>('POST', '/sim/v1/advance', JSON.stringify({ seconds }), 'application/json');
  }

  async apply(manifests: string): Promise<AppliedObject[]> {
    return (
      await this.call<{ applied: AppliedObject[] }>('POST', '/sim/v1/apply', manifests, 'application/yaml')
    ).applied;
  }

  async reset(manifests = ''): Promise<AppliedObject[]> {
    return (
      await this.call<{ applied: AppliedObject[] }>('POST', '/sim/v1/reset', manifests, 'application/yaml')
    ).applied;
  }

  private call<T>(method: string, path: string, body?: string, contentType?: string): Promise<T> {
    const target = new URL(path, this.url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<T>((resolve, reject) => {
      const req = send(
        target,
        {
          method,
          headers: {
            Authorization: `Bearer ${this.token}`,
            ...(contentType ? { 'Content-Type': contentType } : {}),
          },
          ...(this.caCertificate ? { ca: this.caCertificate } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if ((res.statusCode ?? 500) >= 400) {
              reject(new Error(`cluster-sim ${method} ${path}: ${res.statusCode} ${statusMessage(text)}`));
              return;
            }
            resolve(JSON.parse(text) as T);
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}

function statusMessage(text: string): string {
  try {
    return (JSON.parse(text) as { message?: string }).message ?? text;
  } catch {
    return text;
  }
}
