import { describe, expect, it } from 'vitest';
import { SimClock } from '../src/clock';
import { parseQuantity, tryParseQuantity } from '../src/index';
import { goDuration, humanDuration } from '../src/kube/time';
import { applyStrategicMergePatch } from '../src/patch/strategic-merge';
import { matchesLabels, parseLabelSelector } from '../src/selectors/label-selector';

describe('strategic merge patch', () => {
  const pod = {
    spec: {
      containers: [
        { name: 'a', image: 'a:1', ports: [{ containerPort: 80 }, { containerPort: 81 }], args: ['x', 'y'] },
        { name: 'b', image: 'b:1', volumeMounts: [{ mountPath: '/data', name: 'data' }] },
      ],
      volumes: [{ name: 'data', emptyDir: {} }],
    },
    metadata: { finalizers: ['one'] },
  };

  it('merges keyed lists, replaces plain lists, and deletes on null', () => {
    const result = applyStrategicMergePatch(
      pod,
      {
        spec: {
          containers: [
            { name: 'a', image: 'a:2', args: ['z'], ports: [{ containerPort: 81, name: 'metrics' }] },
            { name: 'c', image: 'c:1' },
          ],
        },
        metadata: { finalizers: ['two'] },
      },
      'Pod',
    );
    expect(result).toEqual({
      spec: {
        containers: [
          {
            name: 'a',
            image: 'a:2',
            ports: [{ containerPort: 80 }, { containerPort: 81, name: 'metrics' }],
            args: ['z'],
          },
          { name: 'b', image: 'b:1', volumeMounts: [{ mountPath: '/data', name: 'data' }] },
          { name: 'c', image: 'c:1' },
        ],
        volumes: [{ name: 'data', emptyDir: {} }],
      },
      metadata: { finalizers: ['one', 'two'] },
    });
    expect(applyStrategicMergePatch(pod, { spec: { volumes: null } }, 'Pod')).toEqual({
      ...pod,
      spec: { containers: pod.spec.containers },
    });
  });

  it('honours $patch, $setElementOrder, $deleteFromPrimitiveList and $retainKeys', () => {
    const deleted = applyStrategicMergePatch(
      pod,
      { spec: { containers: [{ name: 'b', $patch: 'delete' }] } },
      'Pod',
    ) as typeof pod;
    expect(deleted.spec.containers.map((c) => c.name)).toEqual(['a']);
    const replaced = applyStrategicMergePatch(
      pod,
      { spec: { containers: [{ name: 'z', image: 'z:1' }, { $patch: 'replace' }] } },
      'Pod',
    ) as typeof pod;
    expect(replaced.spec.containers).toEqual([{ name: 'z', image: 'z:1' }]);
    const ordered = applyStrategicMergePatch(
      pod,
      { spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] } },
      'Pod',
    ) as typeof pod;
    expect(ordered.spec.containers.map((c) => c.name)).toEqual(['b', 'a']);
    const trimmed = applyStrategicMergePatch(
      pod,
      { metadata: { '$deleteFromPrimitiveList/finalizers': ['one'] } },
      'Pod',
    ) as typeof pod;
    expect(trimmed.metadata.finalizers).toEqual([]);
    const retained = applyStrategicMergePatch(
      { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } },
      { strategy: { type: 'Recreate', $retainKeys: ['type'] } },
      'Deployment',
    );
    expect(retained).toEqual({ strategy: { type: 'Recreate' } });
  });

  it('merges Service ports by port and container ports by containerPort', () => {
    const service = {
      spec: {
        ports: [
          { port: 80, targetPort: 8080 },
          { port: 443, targetPort: 8443 },
        ],
      },
    };
    expect(
      applyStrategicMergePatch(service, { spec: { ports: [{ port: 443, targetPort: 9443 }] } }, 'Service'),
    ).toEqual({
      spec: {
        ports: [
          { port: 80, targetPort: 8080 },
          { port: 443, targetPort: 9443 },
        ],
      },
    });
  });
});

describe('label selectors', () => {
  it('parses equality, set-based and existence requirements', () => {
    const selector = parseLabelSelector('app=web, tier in (front,back),!legacy,env!=prod, version');
    expect(matchesLabels(selector, { app: 'web', tier: 'front', version: '2' })).toBe(true);
    expect(matchesLabels(selector, { app: 'web', tier: 'db', version: '2' })).toBe(false);
    expect(matchesLabels(selector, { app: 'web', tier: 'back', version: '2', legacy: 'y' })).toBe(false);
    expect(matchesLabels(selector, { app: 'web', tier: 'back', version: '2', env: 'prod' })).toBe(false);
    expect(matchesLabels(selector, { app: 'web', tier: 'back' })).toBe(false);
    expect(matchesLabels(parseLabelSelector(''), undefined)).toBe(true);
    expect(() => parseLabelSelector('a b c')).toThrow(/unable to parse requirement/);
  });
});

describe('quantities and durations', () => {
  it('parses Kubernetes quantities', () => {
    expect(parseQuantity('100m')).toBeCloseTo(0.1);
    expect(parseQuantity('1.5')).toBe(1.5);
    expect(parseQuantity('128Mi')).toBe(128 * 2 ** 20);
    expect(parseQuantity('16Gi')).toBe(16 * 2 ** 30);
    expect(parseQuantity('1G')).toBe(1e9);
    expect(parseQuantity('2e3')).toBe(2000);
    expect(tryParseQuantity('lots')).toBeUndefined();
  });

  it('prints durations as Go and kubectl do', () => {
    expect([10, 80, 300, 2.5, 0.512].map(goDuration)).toEqual(['10s', '1m20s', '5m0s', '2.5s', '512ms']);
    expect([5_000, 130_000, 600_000, 3 * 3600_000 + 60_000, 50 * 3600_000].map(humanDuration)).toEqual([
      '5s',
      '2m10s',
      '10m',
      '3h1m',
      '2d2h',
    ]);
  });
});

describe('the simulated clock', () => {
  it('processes due actions in time order, including ones scheduled while advancing', () => {
    const clock = new SimClock(0);
    const seen: string[] = [];
    clock.schedule(3000, () => seen.push(`c@${clock.now()}`));
    clock.schedule(1000, () => {
      seen.push(`a@${clock.now()}`);
      clock.after(1, () => seen.push(`b@${clock.now()}`));
    });
    const cancelled = clock.schedule(1500, () => seen.push('never'));
    cancelled.cancel();
    clock.advanceTo(2500);
    expect(seen).toEqual(['a@1000', 'b@2000']);
    expect(clock.now()).toBe(2500);
    clock.advanceTo(10_000);
    expect(seen).toEqual(['a@1000', 'b@2000', 'c@3000']);
  });
});
