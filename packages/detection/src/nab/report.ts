import { NAB_PROFILE_NAMES } from './profiles';
import type { NabGroupScore, NabReport } from './scorer';

/** A normalised score, or the raw one for a group without windows (where only false positives count). */
function cell(score: NabGroupScore): string {
  return score.normalised === null ? `raw ${score.raw.toFixed(2)}` : score.normalised.toFixed(2);
}

/** A plain-text table: one row per category and the total, one column per profile. */
export function formatNabReport(detector: string, report: NabReport): string {
  const rows: Array<[string, (profile: (typeof NAB_PROFILE_NAMES)[number]) => string]> = [
    ...Object.entries(report.standard.categories).map(
      ([category, score]): [string, (profile: (typeof NAB_PROFILE_NAMES)[number]) => string] => [
        `${category} (${score.windows} windows)`,
        (profile) => cell(report[profile].categories[category]!),
      ],
    ),
    [`total (${report.standard.total.windows} windows)`, (profile) => cell(report[profile].total)],
    ['best threshold', (profile) => report[profile].threshold.toFixed(6)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const header = ''.padEnd(width) + NAB_PROFILE_NAMES.map((profile) => profile.padStart(20)).join('');
  const body = rows.map(
    ([label, value]) =>
      label.padEnd(width) + NAB_PROFILE_NAMES.map((profile) => value(profile).padStart(20)).join(''),
  );
  return [`NAB scores of ${detector}`, header, ...body].join('\n');
}
