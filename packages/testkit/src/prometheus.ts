import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const INSTALL_HINT = 'apt-get install -y --no-install-recommends prometheus prometheus-alertmanager';

export interface PrometheusOptions {
  /** Prometheus scrape_configs entries, as objects (written as JSON, which Prometheus reads as YAML). */
  scrapeConfigs?: Record<string, unknown>[];
  scrapeInterval?: string;
  evaluationInterval?: string;
  /** The text of one rule file (YAML), written next to the config and loaded. */
  rules?: string;
  /** Paths of existing rule files to load. */
  ruleFiles?: string[];
  /** Alertmanager base URLs to send alerts to. */
  alertmanagers?: string[];
  /** OpenMetrics text loaded into the database with promtool before Prometheus starts. */
  openMetricsBackfill?: string;
  /** --storage.tsdb.retention.time (Prometheus' default is 15d). */
  retention?: string;
  extraArgs?: string[];
  binary?: string;
  promtool?: string;
  readyTimeoutMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  /** The temporary directory holding the config and the data; removed by stop(). */
  dir: string;
  dataDir: string;
  /** What the server printed so far (its log). */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited in time; then removes the directory. */
  stop(): Promise<void>;
}

/** Starts Debian's Prometheus on a free port of 127.0.0.1, optionally backfilled with known series. */
export async function startPrometheus(options: PrometheusOptions = {}): Promise<RunningServer> {
  const binary = options.binary ?? '/usr/bin/prometheus';
  const promtool = options.promtool ?? '/usr/bin/promtool';
  await requireBinary(binary);
  const dir = await mkdtemp(join(tmpdir(), 'aiops-prometheus-'));
  const dataDir = join(dir, 'data');
  try {
    const config: Record<string, unknown> = {
      global: {
        scrape_interval: options.scrapeInterval ?? '15s',
        evaluation_interval: options.evaluationInterval ?? options.scrapeInterval ?? '15s',
      },
      scrape_configs: options.scrapeConfigs ?? [],
    };
    const ruleFiles = [...(options.ruleFiles ?? [])];
    if (options.rules !== undefined) {
      const rulesPath = join(dir, 'rules.yml');
      await writeFile(rulesPath, options.rules);
      ruleFiles.push(rulesPath);
    }
    if (ruleFiles.length > 0) config.rule_files = ruleFiles;
    if (options.alertmanagers?.length) {
      config.alerting = {
        alertmanagers: [{ static_configs: [{ targets: options.alertmanagers.map((u) => new URL(u).host) }] }],
      };
    }
    const configPath = join(dir, 'prometheus.yml');
    await writeFile(configPath, JSON.stringify(config, null, 2));

    if (options.openMetricsBackfill !== undefined) {
      await requireBinary(promtool);
      const input = join(dir, 'backfill.om');
      await writeFile(input, options.openMetricsBackfill);
      try {
        await promisify(execFile)(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', input, dataDir]);
      } catch (error) {
        const stderr = (error as { stderr?: string }).stderr ?? '';
        throw new Error(`promtool could not backfill: ${stderr || (error as Error).message}`);
      }
    }

    return await startPrometheusStyleServer({
      name: 'prometheus',
      binary,
      dir,
      dataDir,
      readyTimeoutMs: options.readyTimeoutMs,
      args: (port) => [
        `--config.file=${configPath}`,
        `--storage.tsdb.path=${dataDir}`,
        `--web.listen-address=127.0.0.1:${port}`,
        `--storage.tsdb.retention.time=${options.retention ?? '15d'}`,
        ...(options.extraArgs ?? []),
      ],
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

export async function requireBinary(path: string): Promise<void> {
  try {
    await access(path, constants.X_OK);
  } catch {
    throw new Error(`${path} is missing: install it with \`${INSTALL_HINT}\``);
  }
}

export interface ServerProcessSpec {
  name: string;
  binary: string;
  /** The server's arguments, given the port it is to listen on. */
  args: (port: number) => string[];
  dir: string;
  dataDir: string;
  readyTimeoutMs?: number | undefined;
}

/**
 * Runs a server of the Prometheus family (Prometheus, Alertmanager: same flags style and /-/ready endpoint) on a
 * free port until stop(). Fails with the server's own output when it exits or is not ready in time.
 */
export async function startPrometheusStyleServer(spec: ServerProcessSpec): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(spec.binary, spec.args(port), { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-64_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    await terminate(child, exited);
    await rm(spec.dir, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(`${url}/-/ready`, child, spec.readyTimeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    throw new Error(`${spec.name} did not start: ${(error as Error).message}\n${output.slice(-4000)}`);
  }
  return { url, port, dir: spec.dir, dataDir: spec.dataDir, output: () => output, stop };
}

async function waitUntilReady(readyUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`it exited (${child.exitCode ?? child.signalCode})`);
    }
    try {
      const response = await fetch(readyUrl, { signal: AbortSignal.timeout(1000) });
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${readyUrl} not ready within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function terminate(child: ChildProcess, exited: Promise<void>, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return exited;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const gone = await Promise.race([
    exited.then(() => true),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), graceMs);
    }),
  ]);
  clearTimeout(timer);
  if (!gone) {
    child.kill('SIGKILL');
    await exited;
  }
}
