import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runScenarios } from './scenarios/runner';

const USAGE = `pnpm scenarios [--dir <folder>] [--speed <n>]

Runs every Kubernetes fault scenario of a folder (default ../shared/scenarios/k8s) through the autofix API
against the simulated cluster, and prints a pass or fail line per scenario and a last line "N passed, N failed".
  --dir     a folder of scenarios (manifests.yaml + expect.yaml each)
  --speed   simulated seconds per real second (default 20)
Needs Redis at REDIS_URL (default redis://127.0.0.1:6379).`;

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: '../shared/scenarios/k8s' },
    speed: { type: 'string', default: '20' },
    help: { type: 'boolean' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const results = await runScenarios({
  dir: resolve(values.dir),
  speed: Number(values.speed),
  onResult: (r) =>
    console.log(
      `${r.passed ? 'PASS' : 'FAIL'} ${r.name} (${r.seconds.toFixed(1)} s)${r.passed ? '' : `: ${r.reason}`}`,
    ),
});
const failed = results.filter((r) => !r.passed).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
