import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, requireBinary, startPrometheusStyleServer } from './prometheus';

export interface AlertmanagerOptions {
  /** alertmanager.yml as YAML text or as an object (written as JSON); default: one receiver that does nothing. */
  config?: string | Record<string, unknown>;
  extraArgs?: string[];
  binary?: string;
  readyTimeoutMs?: number;
}

const DO_NOTHING_CONFIG = { route: { receiver: 'none' }, receivers: [{ name: 'none' }] };

/** Starts Debian's Alertmanager on a free port of 127.0.0.1, clustering off. */
export async function startAlertmanager(options: AlertmanagerOptions = {}): Promise<RunningServer> {
  const binary = options.binary ?? '/usr/bin/prometheus-alertmanager';
  await requireBinary(binary);
  const dir = await mkdtemp(join(tmpdir(), 'aiops-alertmanager-'));
  const dataDir = join(dir, 'data');
  try {
    const config = options.config ?? DO_NOTHING_CONFIG;
    const configPath = join(dir, 'alertmanager.yml');
    await writeFile(configPath, typeof config === 'string' ? config : JSON.stringify(config, null, 2));
    return await startPrometheusStyleServer({
      name: 'alertmanager',
      binary,
      dir,
      dataDir,
      readyTimeoutMs: options.readyTimeoutMs,
      args: (port) => [
        `--config.file=${configPath}`,
        `--storage.path=${dataDir}`,
        `--web.listen-address=127.0.0.1:${port}`,
        // An empty address turns gossip clustering off, so no second port is needed.
        '--cluster.listen-address=',
        ...(options.extraArgs ?? []),
      ],
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
