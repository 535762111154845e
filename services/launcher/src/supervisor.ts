import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ServiceSpec } from './services';

export interface SupervisorOptions {
  env: NodeJS.ProcessEnv;
  /** Receives every output line of every service, with its name. */
  onLine(service: string, line: string): void;
  onExit?(service: string, code: number | null, signal: NodeJS.Signals | null): void;
  restartDelayMs?: number;
}

/**
 * Runs services as child processes (through tsx), restarts one that dies, and on stop sends SIGTERM to all and
 * waits for them: each finishes its jobs in flight.
 */
export class Supervisor {
  private readonly children = new Map<string, ChildProcess>();
  private stopping = false;

  constructor(private readonly options: SupervisorOptions) {}

  start(service: ServiceSpec): void {
    const child = spawn(process.execPath, ['--no-node-snapshot', '--import', 'tsx', service.entry], {
      env: this.options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.children.set(service.name, child);
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => this.options.onLine(service.name, line));
    }
    child.on('exit', (code, signal) => {
      this.children.delete(service.name);
      this.options.onExit?.(service.name, code, signal);
      if (!this.stopping) setTimeout(() => this.start(service), this.options.restartDelayMs ?? 2000).unref();
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.children.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
  }
}
