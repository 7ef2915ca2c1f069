import { cellsFigure, fullyExercised } from '../contract/coverage.js';
import type { FindingGroup, Report } from '../contract/report.js';
import { findingsHeadline, moreOccurrences, occurrencesOf, spread } from './finding-text.js';
import { runLine } from './run-line.js';

const ICON = { passed: '✅', failed: '❌', skipped: '⏭️' } as const;

/** `summary.md`: a short verdict for a CI job summary, and what the run did not exercise. */
export function writeMarkdownSummary(report: Report): string {
  const { completion, coverage } = report;
  const verdict = report.failures.length
    ? `❌ **${findingsHeadline(report)}**`
    : completion.status !== 'complete'
      ? '**No deviation found in what was run** (not a verdict: the run did not finish)'
      : fullyExercised(coverage)
        ? '✅ **Conformant**'
        : `✅ **Conformant on what was exercised: ${cellsFigure(coverage)}**`;
  const lines = [
    '# Flowyte contract conformance',
    '',
    ...(completion.status === 'complete' ? [] : [`⚠️ **Incomplete: ${completion.message}** (${completion.runsDone} of ${completion.runsPlanned} runs done)`, '']),
    `${verdict} — target \`${report.target}\`, ${runLine(report)}.`,
    '',
    `Exercised: ${cellsFigure(coverage)}; ${coverage.statuses.observed} of ${coverage.statuses.declared} declared statuses observed; ${coverage.probesSent} named probe(s) sent.`,
    '',
    '| check | result |',
    '|---|---|',
    ...report.checks.map((check) => `| \`${check.id}\`${check.inferred ? ' (inferred)' : ''} | ${ICON[check.status]} ${check.status}${check.reason ? ` — ${check.reason}` : ''} |`),
  ];
  if (report.failures.length) {
    lines.push('', '## Findings');
    for (const group of report.findings) lines.push('', ...findingLines(report, group));
  }
  lines.push(...notExercised(report));
  return `${lines.join('\n')}\n`;
}

/** Occurrences shown per finding, each with its replay command; the HTML report has them all. */
const OCCURRENCES_SHOWN = 3;

/** A finding: its check, title, symptom and operations, then its first occurrences with their replay commands. */
function findingLines(report: Report, group: FindingGroup): string[] {
  const lines = [
    `### ${group.id} \`${group.check}\`: ${group.title} — ${spread(group)}`,
    '',
    `${code(group.symptom)} on ${group.operations.map((id) => `\`${id}\``).join(', ')}`,
    '',
  ];
  for (const failure of occurrencesOf(report, group).slice(0, OCCURRENCES_SHOWN)) {
    const drivenBy = failure.suite !== failure.check ? ` (sent by the \`${failure.suite}\` suite)` : '';
    lines.push(`- **${failure.id}** \`${failure.check}\` on \`${failure.operationId}\`${drivenBy}: ${failure.message}`, `  - replay: \`${failure.replay}\``);
  }
  const more = moreOccurrences(group, OCCURRENCES_SHOWN);
  if (more) lines.push(`- ${more}`);
  return lines;
}

/** Inline code that a backtick in the text cannot end early; a symptom's `<n>` must not be read as HTML. */
const code = (text: string) => (text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``);

/** The gaps, so that a passing report does not hide what it did not test. */
function notExercised(report: Report): string[] {
  const { coverage } = report;
  if (fullyExercised(coverage) && !coverage.statusesNeverObserved.length) return [];
  const lines = ['', '## Not exercised by this run', ''];
  for (const gap of coverage.notExercised) {
    lines.push(`- \`${gap.check}\`${gap.reason ? ` (${gap.reason})` : ''} on ${gap.operations.map((id) => `\`${id}\``).join(', ')}`);
  }
  for (const probe of coverage.probesNotSent) lines.push(`- \`${probe.check}\` probe never sent: ${probe.probe} — ${probe.reason}`);
  if (coverage.statusesNeverObserved.length) {
    lines.push('', 'Declared statuses never observed:', '');
    for (const entry of coverage.statusesNeverObserved) lines.push(`- \`${entry.operationId}\`: ${entry.statuses.join(', ')}`);
  }
  return lines;
}
