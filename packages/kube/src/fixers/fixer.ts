import type { Finding, FindingCategory } from '@aiops/contracts';
import type { V1Container } from '@kubernetes/client-node';
import type { Workload } from '../workload';

export type FixResult = { container: V1Container; description: string } | { refused: string };

/**
 * Makes the smallest change to one container that fixes one fixable finding. It receives the container as
 * changed so far by earlier fixers (a copy) and returns a changed copy, or why it will not.
 */
export interface Fixer {
  category: FindingCategory;
  fix(input: { finding: Finding; container: V1Container; workload: Workload }): Promise<FixResult>;
}

export function copyOf<T>(value: T): T {
  return structuredClone(value);
}
