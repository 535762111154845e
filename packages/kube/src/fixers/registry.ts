import type { FindingCategory } from '@aiops/contracts';
import type { Fixer } from './fixer';
import { memoryLimitFixer } from './memory-limit';
import { probePathFixer } from './probe-path';
import { probeTimingFixer } from './probe-timing';
import { readinessProbeFixer } from './readiness-probe';
import { requestsFixer } from './requests';
import { startupProbeFixer } from './startup-probe';

/** One fixer per fixable category, applied in this order; adding one is adding a file and a line here. */
export const FIXERS: Fixer[] = [
  requestsFixer,
  memoryLimitFixer,
  startupProbeFixer,
  probePathFixer,
  probeTimingFixer,
  readinessProbeFixer,
];

export function fixerFor(category: FindingCategory): Fixer | undefined {
  return FIXERS.find((f) => f.category === category);
}
