import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAlarmStream } from '../src/alarm-stream';
import { readNabCorpus } from '../src/nab/corpus';
import { NAB_PROFILES } from '../src/nab/profiles';
import { readNabResults } from '../src/nab/results';
import { runNab } from '../src/nab/runner';
import { type NabScoredFile, scoreNabCorpus } from '../src/nab/scorer';

const SHARED_NAB = resolve(import.meta.dirname, '../../../../shared/data/nab');

describe('NAB scorer', () => {
  it('reproduces the published windowed-Gaussian figures from the reference result files', async () => {
    const corpus = await readNabCorpus(SHARED_NAB);
    const report = scoreNabCorpus(
      await readNabResults(join(SHARED_NAB, 'reference/windowedGaussian'), corpus),
    );
    expect(report.standard.total.normalised).toBeCloseTo(42.58, 1);
    expect(Math.abs(report.standard.total.normalised! - 42.58)).toBeLessThan(0.05);
    expect(Math.abs(report.reward_low_FP_rate.total.normalised! - 26.43)).toBeLessThan(0.05);
    expect(Math.abs(report.reward_low_FN_rate.total.normalised! - 49.5)).toBeLessThan(0.05);
  });

  const minute = 60_000;
  const timestamps = Array.from({ length: 1000 }, (_, i) => i * minute);
  const file = (scores: number[]): NabScoredFile => ({
    key: 'c/f.csv',
    category: 'c',
    timestamps,
    scores,
    windows: [[400 * minute, 499 * minute]],
  });

  it('gives 100 for a detection at the left edge of every window and 0 for no detection', () => {
    const perfect = scoreNabCorpus([file(timestamps.map((_, i) => (i === 400 ? 1 : 0)))]);
    expect(perfect.standard.total.normalised).toBeCloseTo(100, 0);
    const nothing = scoreNabCorpus([file(timestamps.map(() => 0))]);
    expect(nothing.standard.total.normalised).toBe(0);
  });

  it('charges false positives, more in the low-FP profile, and ignores the probationary period', () => {
    const scores = timestamps.map((_, i) => (i === 450 || i === 900 || i === 10 ? 1 : 0));
    const report = scoreNabCorpus([file(scores)]);
    // A late detection (at the middle of the window) plus one false positive far after it.
    expect(report.standard.total.raw).toBeLessThan(1);
    expect(report.standard.total.raw).toBeGreaterThan(0.5);
    expect(report.reward_low_FP_rate.total.raw).toBeLessThan(report.standard.total.raw);
    const withoutProbationHit = scoreNabCorpus([file(scores.map((s, i) => (i === 10 ? 0 : s)))]);
    expect(withoutProbationHit.standard.total.raw).toBe(report.standard.total.raw);
  });

  it('scores at a fixed threshold when given one, instead of the best', () => {
    // A weak false positive (0.3) before a strong detection at the window's left edge (0.9).
    const scores = timestamps.map((_, i) => (i === 300 ? 0.3 : i === 400 ? 0.9 : 0));
    const best = scoreNabCorpus([file(scores)]);
    expect(best.standard.threshold).toBe(0.9);
    const low = scoreNabCorpus([file(scores)], { thresholds: { standard: 0.2 } });
    expect(low.standard.threshold).toBe(0.2);
    expect(low.standard.total.raw).toBeCloseTo(best.standard.total.raw - NAB_PROFILES.standard.fp, 9);
    // Profiles without a fixed threshold still get their best one.
    expect(low.reward_low_FP_rate.threshold).toBe(0.9);
    const none = scoreNabCorpus([file(scores)], { thresholds: { standard: 1 } });
    expect(none.standard.total.normalised).toBe(0);
  });
});

describe('NAB reader and runner on any folder of the NAB layout', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('reads other categories and files, writes result files and scores them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nab-layout-'));
    dirs.push(dir);
    await mkdir(join(dir, 'data/myCategory'), { recursive: true });
    await mkdir(join(dir, 'labels'), { recursive: true });
    const start = Date.UTC(2020, 0, 1);
    const stamp = (i: number) => new Date(start + i * 300_000).toISOString().slice(0, 19).replace('T', ' ');
    const rows = Array.from({ length: 1200 }, (_, i) => {
      const value = 10 + Math.sin(i / 5) + (i >= 900 && i < 910 ? 50 : 0);
      return `${stamp(i)},${value}`;
    });
    await writeFile(join(dir, 'data/myCategory/step.csv'), `timestamp,value\n${rows.join('\n')}\n`);
    await writeFile(
      join(dir, 'labels/combined_windows.json'),
      JSON.stringify({ 'myCategory/step.csv': [[`${stamp(880)}.000000`, `${stamp(940)}.000000`]] }),
    );
    const corpus = await readNabCorpus(dir);
    expect(corpus.files.map((f) => f.key)).toEqual(['myCategory/step.csv']);
    const out = join(dir, 'out');
    const scored = await runNab(corpus, {
      detector: 'ensemble',
      createStream: () => createAlarmStream(),
      out,
    });
    const written = await readFile(join(out, 'ensemble/myCategory/ensemble_step.csv'), 'utf8');
    expect(written.split('\n')[0]).toBe('timestamp,value,anomaly_score');
    expect(written.trim().split('\n')).toHaveLength(1201);
    const report = scoreNabCorpus(scored);
    expect(report.standard.categories.myCategory!.windows).toBe(1);
    expect(report.standard.total.normalised).toBeGreaterThan(50);
    const reread = scoreNabCorpus(await readNabResults(join(out, 'ensemble'), corpus));
    expect(reread.standard.total.raw).toBeCloseTo(report.standard.total.raw, 9);
  });
});
