import type { FindingGroup, Report, ReportFailure } from '../contract/report.js';

/** `1 occurrence`, `43 occurrences`. */
export const counted = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** The verdict of a failing run, the same in every report and on the terminal: causes first, then occurrences. */
export const findingsHeadline = (report: Report): string =>
  `${counted(report.findings.length, 'distinct finding')}, ${counted(report.failures.length, 'occurrence')}`;

/** How widely a finding was met: `43 occurrences on 12 operations`. */
export const spread = (group: FindingGroup): string => `${counted(group.count, 'occurrence')} on ${counted(group.operations.length, 'operation')}`;

/** The failures of a group, in the order found. */
export function occurrencesOf(report: Report, group: FindingGroup): ReportFailure[] {
  const byId = new Map(report.failures.map((failure) => [failure.id, failure]));
  return group.occurrences.flatMap((id) => byId.get(id) ?? []);
}

/** How many of the left-out occurrences a line names before it says `…`. */
const IDS_NAMED = 8;

/** `… and 40 more (F4, F5, …)`, for a list that shows the first `shown` occurrences of a group; empty when none is left out. */
export function moreOccurrences(group: FindingGroup, shown: number): string {
  const rest = group.occurrences.slice(shown);
  if (!rest.length) return '';
  return `… and ${rest.length} more (${rest.slice(0, IDS_NAMED).join(', ')}${rest.length > IDS_NAMED ? ', …' : ''})`;
}
