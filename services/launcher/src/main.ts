import { ALL_SERVICES } from './services';
import { Supervisor } from './supervisor';

/** `pnpm start`: the ingress and every stage, each its own process, output prefixed by service. */
const width = Math.max(...ALL_SERVICES.map((s) => s.name.length));
const supervisor = new Supervisor({
  env: process.env,
  onLine: (service, line) => process.stdout.write(`${service.padEnd(width)} | ${line}\n`),
  onExit: (service, code, signal) =>
    process.stdout.write(`${service.padEnd(width)} | exited (${signal ?? `code ${code}`})\n`),
});
for (const service of ALL_SERVICES) supervisor.start(service);

const stop = () => {
  void supervisor.stop().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
