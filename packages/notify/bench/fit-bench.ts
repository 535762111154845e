/**
 * How long the Feishu channel spends rendering and cutting a card to Feishu's 20 KB, per message, on the
 * notify worker's event loop. Run: pnpm --filter @aiops/notify bench
 */
import { performance } from 'node:perf_hooks';
import { renderCard } from '../src/feishu/card';
import { FEISHU_MAX_BODY_BYTES } from '../src/feishu/limits';
import { fitMessage } from '../src/feishu/size-limit';
import { buildIncidentMessage } from '../src/message';
import type { NotificationMessage } from '../src/notification-message';
import { escalatedIncident, fixedIncident, incident, probeFinding } from '../test/fixtures';

const measure = (m: NotificationMessage) =>
  Buffer.byteLength(JSON.stringify({ msg_type: 'interactive', card: renderCard(m) }));

const rca = fixedIncident().rca!;
const cases: Array<[string, NotificationMessage]> = [
  ['typical (fits, no cut)', buildIncidentMessage(fixedIncident(), 'fixed', 'info')],
  [
    'report 1 MB ASCII',
    buildIncidentMessage(incident({ rca: { ...rca, report: 'x'.repeat(1_000_000) } }), 'fixed', 'info'),
  ],
  [
    'report 300 KB CJK',
    buildIncidentMessage(
      incident({ rca: { ...rca, report: '探针路径返回 404。'.repeat(10_000) } }),
      'fixed',
      'info',
    ),
  ],
  [
    '400 unfixable findings, 2.4 KB each',
    buildIncidentMessage(
      {
        ...escalatedIncident(),
        findings: Array.from({ length: 400 }, (_, i) => ({
          ...probeFinding,
          fixable: false,
          resource: { kind: 'Deployment', namespace: 'shop', name: `svc-${i}` },
          message: 'stack frame '.repeat(200),
        })),
      },
      'escalated',
      'critical',
    ),
  ],
];

for (const [name, message] of cases) {
  const runs = 30;
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    size = measure(fitMessage(message, measure, FEISHU_MAX_BODY_BYTES));
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const input = Buffer.byteLength(JSON.stringify(message));
  console.log(
    `${name.padEnd(38)} input ${String(input).padStart(8)} B -> card ${String(size).padStart(6)} B   median ${times[runs >> 1]!.toFixed(2)} ms   p95 ${times[Math.floor(runs * 0.95)]!.toFixed(2)} ms`,
  );
}
