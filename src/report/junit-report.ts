import type { Report, ReportFailure } from '../contract/report.js';

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

/** `junit.xml`: one testsuite per check, one testcase per operation the check judges. */
export function writeJunitReport(report: Report): string {
  // Each failure names the finding (its cause) it is an occurrence of.
  const findingOf = new Map(report.findings.flatMap((group) => group.occurrences.map((id) => [id, group.id] as const)));
  let tests = 0;
  const suites = report.checks.map((check) => {
    const judged = report.operations.filter((operation) => report.matrix[operation.operationId]?.[check.id] !== 'not_applicable');
    tests += judged.length;
    const cases = judged.map((operation) => {
      const cell = report.matrix[operation.operationId]?.[check.id] ?? 'not_exercised';
      const name = escapeXml(`${check.id} ${operation.method} ${operation.path}`);
      const head = `    <testcase classname="${escapeXml(check.id)}" name="${name}">`;
      if (cell === 'failed') {
        const failures = report.failures.filter((f) => f.check === check.id && f.operationId === operation.operationId);
        const body = failures.map((f) => `${f.id} (finding ${findingOf.get(f.id)}): ${f.message}\n${f.curl ?? ''}\nreplay: ${f.replay}`).join('\n\n');
        return `${head}\n      <failure message="${escapeXml(failureMessage(failures, findingOf))}" type="${escapeXml(failures[0]?.kind ?? 'failure')}">${escapeXml(body)}</failure>\n    </testcase>`;
      }
      if (cell === 'skipped' || cell === 'not_exercised') {
        const why = cell === 'skipped' ? (check.reason ?? 'skipped') : 'not exercised by this run';
        return `${head}\n      <skipped message="${escapeXml(why)}"/>\n    </testcase>`;
      }
      return `${head}</testcase>`;
    });
    const failed = cases.filter((c) => c.includes('<failure')).length;
    const skipped = cases.filter((c) => c.includes('<skipped')).length;
    return `  <testsuite name="${escapeXml(check.id)}" tests="${cases.length}" failures="${failed}" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  // A run cut short says so where CI tools look: the report's properties.
  const completion = report.completion.status === 'complete' ? '' : `  <properties><property name="incomplete" value="${escapeXml(report.completion.message ?? report.completion.status)}"/></properties>\n`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="flowyte-contract" tests="${tests}" failures="${report.failures.length}" time="${(report.durationMs / 1000).toFixed(3)}">\n${completion}${suites.join('\n')}\n</testsuites>\n`;
}

/** The first failure's message, led by its finding's id and followed by the other findings met in the same cell. */
function failureMessage(failures: readonly ReportFailure[], findingOf: ReadonlyMap<string, string>): string {
  const [first] = failures;
  if (!first) return 'failed';
  const others = [...new Set(failures.map((f) => findingOf.get(f.id)))].filter((id) => id !== undefined && id !== findingOf.get(first.id));
  return `${findingOf.get(first.id)}: ${first.message}${others.length ? ` (also ${others.join(', ')})` : ''}`;
}
