import type { Report } from '../contract/report.js';

const ICON = { passed: '✅', failed: '❌', skipped: '⏭️' } as const;

/** `summary.md`: a short verdict for a CI job summary. */
export function writeMarkdownSummary(report: Report): string {
  const verdict = report.failures.length
    ? `❌ **${report.failures.length} deviation(s) from the contract**`
    : report.completion.status === 'complete'
      ? '✅ **Conformant**'
      : '**No deviation found in what was run** (not a verdict: the run did not finish)';
  const { completion } = report;
  const lines = [
    '# Flowyte contract conformance',
    '',
    ...(completion.status === 'complete' ? [] : [`⚠️ **Incomplete: ${completion.message}** (${completion.runsDone} of ${completion.runsPlanned} runs done)`, '']),
    `${verdict} — target \`${report.target}\`, seed ${report.seed}, ${report.runs} runs per property, ${report.requests} requests in ${(report.durationMs / 1000).toFixed(1)} s.`,
    '',
    '| check | result |',
    '|---|---|',
    ...report.checks.map((check) => `| \`${check.id}\`${check.inferred ? ' (inferred)' : ''} | ${ICON[check.status]} ${check.status}${check.reason ? ` — ${check.reason}` : ''} |`),
  ];
  if (report.failures.length) {
    lines.push('', '## Failures', '');
    for (const failure of report.failures) {
      lines.push(`- **${failure.id}** \`${failure.check}\` on \`${failure.operationId}\`: ${failure.message}`, `  - replay: \`${failure.replay}\``);
    }
  }
  return `${lines.join('\n')}\n`;
}
