import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startClusterSim } from '../src/index';

const USAGE = `Runs the simulated cluster as a process of its own:
  tsx packages/cluster-sim/scripts/cluster-sim.ts [--port N] [--host HOST] [--speed N] [--help]
    [--manual] [--token TOKEN] [--kubeconfig PATH] [--manifests FILE]... [--seed N] [--start-time ISO] [--plain-http]
    [--advertise-url URL]   (the address clients use, e.g. https://cluster-sim:6443 in docker-compose)
    [--ca-file PATH]        (writes the CA certificate, for scrapers such as Prometheus)
Defaults: --port 0 (a free port), --host 127.0.0.1, --speed 1, --seed 1; token random; HTTPS unless --plain-http.
It prints one JSON line ({url, token, kubeconfig}) once it listens, and stops on SIGINT/SIGTERM.`;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    speed: { type: 'string', default: '1' },
    manual: { type: 'boolean', default: false },
    token: { type: 'string' },
    kubeconfig: { type: 'string' },
    manifests: { type: 'string', multiple: true, default: [] },
    seed: { type: 'string', default: '1' },
    'start-time': { type: 'string' },
    'plain-http': { type: 'boolean', default: false },
    'advertise-url': { type: 'string' },
    'ca-file': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

function number(name: string, text: string | undefined): number {
  const value = Number(text);
  if (text === undefined || !Number.isFinite(value)) {
    console.error(`--${name}: expected a number, got ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return value;
}

const startTime = values['start-time'] ? new Date(values['start-time']) : undefined;
if (startTime && Number.isNaN(startTime.getTime())) {
  console.error(`--start-time: expected an ISO date, got ${JSON.stringify(values['start-time'])}`);
  process.exit(2);
}
const manifests = (await Promise.all(values.manifests.map((file) => readFile(file, 'utf8')))).join('\n---\n');
const sim = await startClusterSim({
  port: number('port', values.port),
  host: values.host,
  speed: number('speed', values.speed),
  manualClock: values.manual,
  tls: !values['plain-http'],
  seed: number('seed', values.seed),
  manifests,
  ...(values.token ? { token: values.token } : {}),
  ...(startTime ? { startTime } : {}),
  ...(values['advertise-url'] ? { advertiseUrl: values['advertise-url'] } : {}),
});
if (values.kubeconfig) await sim.writeKubeconfig(values.kubeconfig);
if (values['ca-file'] && sim.caCertificate) await writeFile(values['ca-file'], sim.caCertificate);
console.log(JSON.stringify({ url: sim.url, token: sim.token, kubeconfig: values.kubeconfig ?? null }));

const stop = async () => {
  await sim.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
