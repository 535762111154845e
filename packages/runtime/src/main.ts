import { ConfigError } from './config';

/** Starts a service's entry point; a configuration error or failed start ends the process with a clear line. */
export async function runMain(name: string, start: () => Promise<unknown>): Promise<void> {
  try {
    await start();
  } catch (error) {
    const reason =
      error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
    process.stderr.write(`${name}: cannot start: ${reason}\n`);
    process.exit(1);
  }
}
