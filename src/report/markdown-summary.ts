import { cellsFigure, fullyExercised } from '../contract/coverage.js';
import type { Report } from '../contract/report.js';

const ICON = { passed: '✅', failed: '❌', skipped: '⏭️' } as const;

/** `summary.md`: a short verdict for a CI job summary, and what the run did not exercise. */
export function writeMarkdownSummary(report: Report): string {
  const { completion, coverage } = report;
  const verdict = report.failures.length
    ? `❌ **${report.failures.length} deviation(s) from the contract**`
    : completion.status !== 'complete'
      ? '**No deviation found in what was run** (not a verdict: the run did not finish)'
      : fullyExercised(coverage)
        ? '✅ **Conformant**'
        : `✅ **Conformant on what was exercised: ${cellsFigure(coverage)}**`;
  const lines = [
    '# Flowyte contract conformance',
    '',
    ...(completion.status === 'complete' ? [] : [`⚠️ **Incomplete: ${completion.message}** (${completion.runsDone} of ${completion.runsPlanned} runs done)`, '']),
    `${verdict} — target \`${report.target}\`, seed ${report.seed}, ${report.runs} runs per property, ${report.requests} requests in ${(report.durationMs / 1000).toFixed(1)} s.`,
    '',
    `Exercised: ${cellsFigure(coverage)}; ${coverage.statuses.observed} of ${coverage.statuses.declared} declared statuses observed; ${coverage.probesSent} named probe(s) sent.`,
    '',
    '| check | result |',
    '|---|---|',
    ...report.checks.map((check) => `| \`${check.id}\`${check.inferred ? ' (inferred)' : ''} | ${ICON[check.status]} ${check.status}${check.reason ? ` — ${check.reason}` : ''} |`),
  ];
  if (report.failures.length) {
    lines.push('', '## Failures', '');
    for (const failure of report.failures) {
      const drivenBy = failure.suite !== failure.check ? ` (sent by the \`${failure.suite}\` suite)` : '';
      lines.push(`- **${failure.id}** \`${failure.check}\` on \`${failure.operationId}\`${drivenBy}: ${failure.message}`, `  - replay: \`${failure.replay}\``);
    }
  }
  lines.push(...notExercised(report));
  return `${lines.join('\n')}\n`;
}

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
