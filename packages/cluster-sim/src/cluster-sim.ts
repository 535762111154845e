/**
 * startClusterSim(): the simulated cluster behind a real HTTP server that speaks the Kubernetes REST
 * API, reachable through an ordinary kubeconfig, with simulated time that runs at `speed` or only
 * when advanced.
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { ClockInfo } from './api/control-api';
import { createApiServer } from './api/server';
import { createServingCertificate, type ServingCertificate } from './api/tls';
import { Cluster, type ClusterOptions } from './cluster';
import { kubeconfigYaml } from './kubeconfig';
import type { AppliedObject } from './manifests';

export interface ClusterSimOptions extends ClusterOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Address to listen on; default 127.0.0.1. */
  host?: string;
  /** Simulated seconds per real second when the clock runs by itself; default 1. */
  speed?: number;
  /** Time moves only through advance() (and POST /sim/v1/advance). */
  manualClock?: boolean;
  /** Bearer token clients must send; default: random. */
  token?: string;
  /** Serve HTTPS with a generated CA (default true). kubectl sends tokens only over TLS; client-node also works over plain HTTP. */
  tls?: boolean;
  /**
   * The address clients use, when it is not the listening one (a container name, a load balancer): it goes
   * into the kubeconfig and the serving certificate.
   */
  advertiseUrl?: string;
  /** Manifests applied at start (YAML); Nodes among them replace the default node. */
  manifests?: string;
  /** Called with errors the real-time clock or the server could not answer with; default: console.error. */
  onError?: (error: unknown) => void;
}

export interface WaitForOptions {
  /** Give up after this much simulated time. */
  simSeconds: number;
  /** Manual clock: simulated seconds advanced between checks; default 1. */
  stepSeconds?: number;
}

export interface ClusterSim {
  /** Base URL of the API server, e.g. http://127.0.0.1:41234. */
  readonly url: string;
  readonly token: string;
  /** PEM of the CA that signed the server certificate (undefined over plain HTTP). */
  readonly caCertificate: string | undefined;
  /** The cluster itself, for in-process inspection. */
  readonly cluster: Cluster;
  kubeconfig(namespace?: string): string;
  writeKubeconfig(path: string, namespace?: string): Promise<void>;
  apply(manifests: string): AppliedObject[];
  reset(manifests?: string): AppliedObject[];
  /** Simulated time, in ms since the epoch. */
  now(): number;
  /** Runs the cluster through `seconds` of simulated time at once; returns the new time. */
  advance(seconds: number): number;
  /** Resolves true once `predicate` holds, false if `simSeconds` of simulated time pass first. */
  waitFor(predicate: () => boolean | Promise<boolean>, options: WaitForOptions): Promise<boolean>;
  clockInfo(): ClockInfo;
  close(): Promise<void>;
}

const POLL_MS = 20;

/** Key generation takes a moment, so one certificate per listening host serves every sim in the process. */
const certificates = new Map<string, ServingCertificate>();

function servingCertificate(...hosts: (string | undefined)[]): ServingCertificate {
  const names = hosts.filter((h): h is string => Boolean(h));
  const key = names.join(',');
  let certificate = certificates.get(key);
  if (!certificate) {
    certificate = createServingCertificate(names);
    certificates.set(key, certificate);
  }
  return certificate;
}

export async function startClusterSim(options: ClusterSimOptions = {}): Promise<ClusterSim> {
  const cluster = new Cluster(options);
  const token = options.token ?? randomBytes(24).toString('hex');
  const speed = options.speed ?? 1;
  const manual = options.manualClock ?? false;
  if (!(speed > 0)) throw new Error('speed must be a positive number of simulated seconds per real second');
  const onError = options.onError ?? ((error: unknown) => console.error('cluster-sim:', error));
  cluster.bootstrap(options.manifests ?? '');

  const clockInfo = (): ClockInfo => ({
    now: new Date(cluster.now()).toISOString(),
    nowMs: cluster.now(),
    speed,
    manual,
  });
  const advance = (seconds: number) => cluster.advance(seconds);
  const host = options.host ?? '127.0.0.1';
  const advertised = options.advertiseUrl ? new URL(options.advertiseUrl) : undefined;
  const tls = options.tls === false ? undefined : servingCertificate(host, advertised?.hostname);
  const server = createApiServer({
    ...(tls ? { tls } : {}),
    cluster,
    token,
    onError,
    control: {
      clock: clockInfo,
      advance,
      apply: (manifests) => cluster.apply(manifests),
      reset: (manifests) => cluster.reset(manifests),
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url =
    options.advertiseUrl?.replace(/\/$/, '') ??
    `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const caCertificate = tls?.caPem;
  if (!manual) cluster.clock.startRealTime(speed, onError);

  return {
    url,
    token,
    caCertificate,
    cluster,
    kubeconfig: (namespace) => kubeconfigYaml(url, token, caCertificate, namespace),
    writeKubeconfig: (path, namespace) =>
      writeFile(path, kubeconfigYaml(url, token, caCertificate, namespace), { mode: 0o600 }),
    apply: (manifests) => cluster.apply(manifests),
    reset: (manifests) => cluster.reset(manifests),
    now: () => cluster.now(),
    advance,
    clockInfo,
    async waitFor(predicate, { simSeconds, stepSeconds = 1 }) {
      const deadline = cluster.now() + simSeconds * 1000;
      for (;;) {
        if (await predicate()) return true;
        if (cluster.now() >= deadline) return false;
        if (manual) cluster.advance(Math.min(stepSeconds, (deadline - cluster.now()) / 1000));
        else await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
    async close() {
      cluster.clock.stopRealTime();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
