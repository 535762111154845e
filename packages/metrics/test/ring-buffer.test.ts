import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../src/embedded/ring-buffer';
import { SampleStore } from '../src/embedded/sample-store';

describe('RingBuffer', () => {
  it('keeps the newest samples once full, in time order', () => {
    const ring = new RingBuffer(3);
    for (const t of [1, 2, 3, 4, 5]) expect(ring.push(t * 1000, t * 10)).toBe(true);
    expect(ring.size).toBe(3);
    expect(ring.range(0, 10_000)).toEqual({ times: [3000, 4000, 5000], values: [30, 40, 50] });
    expect(ring.newestTime).toBe(5000);
  });

  it('refuses samples that are not newer than the last', () => {
    const ring = new RingBuffer(4);
    ring.push(2000, 1);
    expect(ring.push(2000, 2)).toBe(false);
    expect(ring.push(1000, 3)).toBe(false);
    expect(ring.range(0, 5000).values).toEqual([1]);
  });

  it('selects a range with both ends included', () => {
    const ring = new RingBuffer(10);
    for (const t of [1000, 2000, 3000, 4000]) ring.push(t, t / 1000);
    expect(ring.range(2000, 3000).values).toEqual([2, 3]);
    expect(ring.range(1500, 3500).values).toEqual([2, 3]);
    expect(ring.range(4500, 9000).values).toEqual([]);
  });

  it('gives the latest value within the lookback, and none after a stale marker', () => {
    const ring = new RingBuffer(10);
    ring.push(1000, 7);
    ring.push(2000, 8);
    expect(ring.latest(2500, 0)).toBe(8);
    expect(ring.latest(1500, 0)).toBe(7);
    expect(ring.latest(500, 0)).toBeUndefined();
    expect(ring.latest(9000, 5000)).toBeUndefined();
    expect(ring.markStale(3000)).toBe(true);
    expect(ring.markStale(3500)).toBe(false);
    expect(ring.latest(3000, 0)).toBeUndefined();
    expect(ring.latest(2999, 0)).toBe(8);
    expect(ring.range(0, 9000).values).toEqual([7, 8]);
    ring.push(4000, 9);
    expect(ring.latest(4000, 0)).toBe(9);
  });
});

describe('SampleStore', () => {
  it('refuses new series beyond its limit and prunes series past the retention', () => {
    const store = new SampleStore({ samplesPerSeries: 4, maxSeries: 2, retentionMs: 10_000 });
    expect(store.append({ __name__: 'm', pod: 'a' }, 1000, 1)).toBe('appended');
    expect(store.append({ __name__: 'm', pod: 'b' }, 20_000, 1)).toBe('appended');
    expect(store.append({ __name__: 'm', pod: 'c' }, 20_000, 1)).toBe('series-limit');
    expect(store.append({ pod: 'a', __name__: 'm' }, 500, 1)).toBe('out-of-order');
    expect(store.stats).toEqual({ series: 2, samples: 2, refusedSeries: 1 });
    expect(store.prune(21_000)).toBe(1);
    expect(store.select({ metric: 'm', matchers: [] }).map((s) => s.labels.pod)).toEqual(['b']);
    expect(store.append({ __name__: 'm', pod: 'c' }, 21_000, 1)).toBe('appended');
  });

  it('selects with PromQL matcher rules', () => {
    const store = new SampleStore();
    store.append({ __name__: 'm', pod: 'web-1', container: 'app' }, 1, 1);
    store.append({ __name__: 'm', pod: 'web-2' }, 1, 1);
    store.append({ __name__: 'm', pod: 'db-1', container: 'POD' }, 1, 1);
    store.append({ __name__: 'other', pod: 'web-1' }, 1, 1);
    const pods = (matchers: Parameters<SampleStore['select']>[0]['matchers']) =>
      store
        .select({ metric: 'm', matchers })
        .map((s) => s.labels.pod)
        .sort();
    expect(pods([{ label: 'pod', op: '=~', value: 'web-.*' }])).toEqual(['web-1', 'web-2']);
    expect(pods([{ label: 'pod', op: '=~', value: 'web' }])).toEqual([]);
    expect(pods([{ label: 'container', op: '!=', value: '' }])).toEqual(['db-1', 'web-1']);
    expect(pods([{ label: 'container', op: '=', value: '' }])).toEqual(['web-2']);
    expect(pods([{ label: 'container', op: '!~', value: 'POD|' }])).toEqual(['web-1']);
  });
});
