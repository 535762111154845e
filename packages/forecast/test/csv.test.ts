import { describe, expect, it } from 'vitest';
import {
  CsvFormatError,
  evenlySpaced,
  InvalidTimestampError,
  NonFiniteValueError,
  parseSeriesCsv,
  parseTimestamp,
} from '../src/index';

const T0 = Date.UTC(2014, 6, 1);
const HALF_HOUR = 1_800_000;

describe('parseTimestamp', () => {
  it('reads the NAB format as UTC, ISO 8601 with zones, dates and Unix seconds or ms', () => {
    expect(parseTimestamp('2014-07-01 00:30:00')).toBe(T0 + HALF_HOUR);
    expect(parseTimestamp('2014-07-01T00:30:00Z')).toBe(T0 + HALF_HOUR);
    expect(parseTimestamp('2014-07-01T02:30:00+02:00')).toBe(T0 + HALF_HOUR);
    expect(parseTimestamp('2014-07-01T02:30:00.000+0200')).toBe(T0 + HALF_HOUR);
    expect(parseTimestamp('2014-07-01')).toBe(T0);
    expect(parseTimestamp(String(T0 / 1000))).toBe(T0);
    expect(parseTimestamp(String(T0))).toBe(T0);
    expect(parseTimestamp('yesterday')).toBeNaN();
    expect(parseTimestamp('2014-13-01 00:00:00')).toBeNaN();
  });
});

describe('parseSeriesCsv', () => {
  it('reads the NAB format with a header', () => {
    const text =
      'timestamp,value\n2014-07-01 00:00:00,10844\n2014-07-01 00:30:00,8127\n2014-07-01 01:00:00,6210\n';
    const { series, stepMs, filled, merged } = parseSeriesCsv(text);
    expect(stepMs).toBe(HALF_HOUR);
    expect(series.values).toEqual([10844, 8127, 6210]);
    expect(series.timestamps).toEqual([T0, T0 + HALF_HOUR, T0 + 2 * HALF_HOUR]);
    expect({ filled, merged }).toEqual({ filled: 0, merged: 0 });
  });

  it('reads Unix seconds without a header, CRLF, a BOM, quotes and extra columns', () => {
    const s = T0 / 1000;
    const text = `\uFEFF"${s}","1.5",x\r\n"${s + 60}","2.5",y\r\n${s + 120},3.5,z\r\n`;
    const { series, stepMs } = parseSeriesCsv(text);
    expect(stepMs).toBe(60_000);
    expect(series.values).toEqual([1.5, 2.5, 3.5]);
  });

  it('sorts rows, averages rows on the same step and interpolates missing steps and empty values', () => {
    const text = [
      'time,qps',
      '2014-07-01T02:00:00Z,40',
      '2014-07-01T00:00:00Z,10',
      '2014-07-01T00:30:00Z,',
      '2014-07-01T01:00:00Z,30',
      '2014-07-01T01:00:00Z,50',
      '2014-07-01T03:00:00Z,20',
      '2014-07-01T03:30:00Z,10',
      '2014-07-01T04:00:00Z,0',
      ...Array.from({ length: 8 }, (_, i) => `2014-07-01T${String(5 + i).padStart(2, '0')}:00:00Z,${i}`),
      ...Array.from({ length: 8 }, (_, i) => `2014-07-01T${String(4 + i).padStart(2, '0')}:30:00Z,${i}`),
    ].join('\n');
    const { series, stepMs, filled, merged } = parseSeriesCsv(text);
    expect(stepMs).toBe(HALF_HOUR);
    expect(series.values.slice(0, 11)).toEqual([10, 25, 40, 40, 40, 30, 20, 10, 0, 0, 0]);
    expect(series.values).toHaveLength(25);
    expect(filled).toBe(3);
    expect(merged).toBe(1);
  });

  it('coarsens the step of a sparse file until at most a fifth of the steps are empty', () => {
    // Bursts of three rows 10 minutes apart, then an hour of silence.
    const rows = Array.from({ length: 60 }, (_, i) => {
      const minutes = Math.floor(i / 3) * 90 + (i % 3) * 10;
      return `${(T0 + minutes * 60_000) / 1000},7`;
    });
    const { stepMs, series, filled } = parseSeriesCsv(rows.join('\n'));
    expect(stepMs).toBeGreaterThan(10 * 60_000);
    expect(stepMs % (10 * 60_000)).toBe(0);
    expect(filled).toBeLessThanOrEqual(0.2 * series.values.length);
    expect(series.values.every((value) => value === 7)).toBe(true);
    // At 10 minutes two steps in three would have been empty.
    expect(stepMs).toBeLessThanOrEqual(90 * 60_000);
  });

  it('fails clearly on unusable files', () => {
    expect(() => parseSeriesCsv('')).toThrow(CsvFormatError);
    expect(() => parseSeriesCsv('timestamp,value\n')).toThrow(/at least 3/);
    expect(() => parseSeriesCsv('a\nb\nc\nd')).toThrow(/timestamp,value/);
    expect(() => parseSeriesCsv('t,v\n2014-07-01,1\n2014-07-02,abc\n2014-07-03,3')).toThrow(
      /line 3.*not a number/,
    );
    expect(() => parseSeriesCsv('t,v\n2014-07-01,1\nlater,2\n2014-07-03,3')).toThrow(
      /line 3.*not a timestamp/,
    );
    expect(() => parseSeriesCsv('t,v\n2014-07-01,1\n2014-07-01,2\n2014-07-01,3')).toThrow(/same timestamp/);
    const sparse = [
      't,v',
      '2014-07-01T00:00:00Z,1',
      '2014-07-01T00:01:00Z,1',
      '2014-07-01T00:02:00Z,1',
      '2014-07-02T00:00:00Z,1',
    ];
    expect(() => parseSeriesCsv(sparse.join('\n'))).toThrow(/too many steps have no value/);
    expect(() => parseSeriesCsv('t,v\n2014-07-01,\n2014-07-02,\n2014-07-03,')).toThrow(/no values/);
  });
});

describe('evenlySpaced', () => {
  it('fills the samples a range query missed', () => {
    const samples = [0, 1, 2, 4, 5, 6, 7, 8, 9, 10].map((i) => ({
      timestamp: T0 + i * 15_000,
      value: 2 * i,
    }));
    const { series, stepMs, filled } = evenlySpaced(samples);
    expect(stepMs).toBe(15_000);
    expect(filled).toBe(1);
    expect(series.values).toEqual(Array.from({ length: 11 }, (_, i) => 2 * i));
  });

  it('names bad samples', () => {
    expect(() =>
      evenlySpaced([{ timestamp: Number.NaN, value: 1 }, ...[1, 2].map((t) => ({ timestamp: t, value: 1 }))]),
    ).toThrow(InvalidTimestampError);
    expect(() =>
      evenlySpaced([1, 2, 3].map((t) => ({ timestamp: t, value: t === 2 ? Number.POSITIVE_INFINITY : 1 }))),
    ).toThrow(NonFiniteValueError);
  });
});
