import { tryParseQuantity } from '@aiops/contracts';
import { describe, expect, it } from 'vitest';
import { diffObjects } from '../src/diff';
import { changeViolations, namespaceRefusal } from '../src/policy';
import { formatCpu, formatMemory } from '../src/quantity';

const policy = { allowedNamespaces: ['*'], protectedNamespaces: ['kube-system'], maxReplicas: 10 };
const container = (extra: object) => ({ name: 'api', image: 'api:1', ...extra });
const spec = (containers: object[], replicas = 2) => ({ replicas, template: { spec: { containers } } });

describe('fix policy', () => {
  it('refuses protected namespaces and namespaces outside the allow-list', () => {
    expect(namespaceRefusal(policy, 'kube-system')).toMatch(/protected/);
    expect(namespaceRefusal(policy, 'shop')).toBeNull();
    expect(namespaceRefusal({ ...policy, allowedNamespaces: ['default'] }, 'shop')).toMatch(
      /AUTOFIX_NAMESPACES/,
    );
  });

  it('allows probes, CPU and memory, and replicas within bounds', () => {
    const changes = diffObjects(
      spec([
        container({
          readinessProbe: { httpGet: { path: '/health', port: 80 } },
          resources: { limits: { memory: '128Mi' } },
        }),
      ]),
      spec(
        [
          container({
            readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10 },
            resources: { limits: { memory: '256Mi' } },
          }),
        ],
        3,
      ),
      'spec',
    );
    expect(changes.map((c) => c.path).sort()).toEqual([
      'spec.replicas',
      'spec.template.spec.containers[api].readinessProbe.httpGet.path',
      'spec.template.spec.containers[api].readinessProbe.periodSeconds',
      'spec.template.spec.containers[api].resources.limits.memory',
    ]);
    expect(changeViolations(policy, changes)).toEqual([]);
  });

  it('refuses image, command, env, extended resources and unbounded replicas', () => {
    const before = spec([
      container({ env: [{ name: 'A', value: '1' }], resources: { limits: { 'nvidia.com/gpu': '1' } } }),
    ]);
    const after = spec(
      [
        container({
          image: 'evil:latest',
          command: ['sh'],
          env: [{ name: 'A', value: '2' }],
          resources: { limits: { 'nvidia.com/gpu': '0' } },
        }),
      ],
      0,
    );
    const violations = changeViolations(policy, diffObjects(before, after, 'spec'));
    expect(violations).toEqual(
      expect.arrayContaining([
        'spec.template.spec.containers[api].image may not be changed by a fix',
        'spec.template.spec.containers[api].command may not be changed by a fix',
        'spec.template.spec.containers[api].env[A].value may not be changed by a fix',
        'spec.template.spec.containers[api].resources.limits.nvidia.com/gpu may not be changed by a fix',
        'replicas 0 outside 1..10',
      ]),
    );
  });
});

describe('quantities', () => {
  it('parses and formats Kubernetes quantities', () => {
    expect(tryParseQuantity('500m')).toBe(0.5);
    expect(tryParseQuantity('2')).toBe(2);
    expect(tryParseQuantity('128Mi')).toBe(128 * 2 ** 20);
    expect(tryParseQuantity('1G')).toBe(1e9);
    expect(tryParseQuantity('bogus')).toBeUndefined();
    expect(formatCpu(1.333)).toBe('1333m');
    expect(formatCpu(2)).toBe('2');
    expect(formatMemory(300 * 2 ** 20 + 1)).toBe('301Mi');
    expect(formatMemory(2 ** 31)).toBe('2Gi');
  });
});
