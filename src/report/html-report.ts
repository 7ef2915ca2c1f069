import { cellsFigure, fullyExercised } from '../contract/coverage.js';
import type { CellStatus, FindingGroup, Report, ReportFailure } from '../contract/report.js';
import { findingsHeadline, occurrencesOf, spread } from './finding-text.js';
import { runLine } from './run-line.js';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const CELL: Record<CellStatus, string> = { passed: '✔', failed: '✘', skipped: '–', not_exercised: '·', not_applicable: '' };

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1f2328}h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse}th,td{border:1px solid #d1d9e0;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f6f8fa}
td.passed{background:#dafbe1;text-align:center}td.failed{background:#ffebe9;text-align:center;font-weight:bold}td.skipped,td.not_exercised{color:#59636e;text-align:center}td.not_exercised{background:#fff8c5}td.not_applicable{background:#f6f8fa}
th.vertical{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}.verdict-ok{color:#1a7f37}.verdict-bad{color:#cf222e}
pre{background:#f6f8fa;padding:.6rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all}.muted{color:#59636e}code{font-size:.92em}
section.finding{border-top:1px solid #d1d9e0;margin-top:1.5rem}details.occurrence{border-left:3px solid #d1d9e0;padding-left:.8rem;margin:.6rem 0}details.occurrence>summary{cursor:pointer;padding:.2rem 0}`;

/** `report.html`: one self-contained page (no script, no network) a reviewer can open from the CI artefacts. */
export function writeHtmlReport(report: Report): string {
  const verdict = report.failures.length
    ? `<p class="verdict-bad"><strong>${findingsHeadline(report)}</strong></p>`
    : report.completion.status !== 'complete'
      ? '<p><strong>No deviation found in what was run</strong> (not a verdict: the run did not finish)</p>'
      : fullyExercised(report.coverage)
        ? '<p class="verdict-ok"><strong>Conformant: no deviation found</strong></p>'
        : `<p class="verdict-ok"><strong>Conformant on what was exercised: ${cellsFigure(report.coverage)}</strong></p>`;
  const { completion } = report;
  const incomplete = completion.status === 'complete' ? '' : `<p class="verdict-bad"><strong>Incomplete: ${escapeHtml(completion.message ?? completion.status)}</strong> (${completion.runsDone} of ${completion.runsPlanned} runs done)</p>`;
  const checkHeads = report.checks.map((c) => `<th class="vertical" title="${escapeHtml(c.title)}">${escapeHtml(c.id)}${c.inferred ? '*' : ''}</th>`).join('');
  const rows = report.operations
    .map((op) => {
      const cells = report.checks.map((c) => {
        const cell = report.matrix[op.operationId]?.[c.id] ?? 'not_exercised';
        return `<td class="${cell}" title="${cell.replace('_', ' ')}${cell === 'not_applicable' ? ': the check does not judge this operation' : ''}">${CELL[cell]}</td>`;
      });
      return `<tr><th><code>${escapeHtml(op.method)} ${escapeHtml(op.path)}</code><br><span class="muted">${escapeHtml(op.operationId)}</span></th>${cells.join('')}</tr>`;
    })
    .join('\n');
  const coverage = report.operations
    .map((op) => {
      const observed = new Set(op.observedStatuses.map(String));
      const declared = op.declaredStatuses.map((s) => (observed.has(s) ? `<strong>${s}</strong>` : `<span class="muted">${s}</span>`)).join(' ');
      const undeclared = op.observedStatuses.filter((s) => !op.declaredStatuses.includes(String(s)));
      return `<tr><td><code>${escapeHtml(op.operationId)}</code></td><td>${declared}</td><td>${undeclared.length ? `<span class="verdict-bad">${undeclared.join(' ')}</span>` : ''}</td></tr>`;
    })
    .join('\n');
  const { coverage: covered } = report;
  const gaps = [
    ...covered.notExercised.map((gap) => `<li><code>${gap.check}</code>${gap.reason ? ` (${escapeHtml(gap.reason)})` : ''} on ${gap.operations.map((id) => `<code>${escapeHtml(id)}</code>`).join(', ')}</li>`),
    ...covered.probesNotSent.map((probe) => `<li><code>${probe.check}</code> probe never sent: ${escapeHtml(probe.probe)} — ${escapeHtml(probe.reason)}</li>`),
  ].join('\n');
  const checks = report.checks
    .map((c) => `<tr><td><code>${c.id}</code>${c.inferred ? '*' : ''}</td><td>${c.status}${c.reason ? `: ${escapeHtml(c.reason)}` : ''}</td><td>${escapeHtml(c.title)}</td><td class="muted">${escapeHtml(c.source)}</td></tr>`)
    .join('\n');
  const findings = report.findings.map((group) => findingSection(report, group)).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Flowyte contract conformance</title><style>${STYLE}</style></head>
<body>
<h1>Flowyte contract conformance</h1>
${incomplete}${verdict}
<p>Exercised: ${cellsFigure(covered)} · ${covered.statuses.observed} of ${covered.statuses.declared} declared statuses observed · ${covered.probesSent} named probe(s) sent</p>
<p class="muted">Target <code>${escapeHtml(report.target)}</code> · started ${escapeHtml(report.startedAt)} · ${escapeHtml(runLine(report))} · flowyte-contract ${escapeHtml(report.tool.version)}</p>
<h2>Operations × checks</h2>
<p class="muted">✔ passed · ✘ failed · – skipped · · not exercised · blank: the check does not judge the operation · * rests on an inferred part of the contract</p>
<table><tr><th>operation</th>${checkHeads}</tr>
${rows}
</table>
<h2>Not exercised by this run</h2>
${gaps ? `<ul>${gaps}</ul>` : '<p>Every applicable cell was exercised and every probe sent.</p>'}
<h2>Status codes: declared (bold when observed) and undeclared ones observed</h2>
<table><tr><th>operation</th><th>declared</th><th>observed, not declared</th></tr>
${coverage}
</table>
<h2>Checks</h2>
<table><tr><th>check</th><th>result</th><th>asserts</th><th>from</th></tr>
${checks}
</table>
<h2>Findings</h2>
${findings || '<p>None.</p>'}
</body></html>
`;
}

/** A finding: its check, title, symptom and operations, then every occurrence, the first one open. */
function findingSection(report: Report, group: FindingGroup): string {
  const operations = group.operations.map((id) => `<code>${escapeHtml(id)}</code>`).join(', ');
  const occurrences = occurrencesOf(report, group).map((failure, index) => occurrence(failure, index === 0, report.source !== undefined)).join('\n');
  return `<section class="finding" id="${group.id}"><h3>${group.id} · <code>${group.check}</code> · ${escapeHtml(group.title)}</h3>
<p><span class="muted">Symptom:</span> <code>${escapeHtml(group.symptom)}</code></p>
<p><strong>${spread(group)}</strong>: ${operations}</p>
${occurrences}</section>`;
}

/** One occurrence as a reviewer replays it: the request as curl, the response, the seed, path and command. */
function occurrence(f: ReportFailure, open: boolean, recorded: boolean): string {
  return `<details class="occurrence" id="${f.id}"${open ? ' open' : ''}><summary><strong>${f.id}</strong> · <code>${escapeHtml(f.operationId)}</code> · ${escapeHtml(f.message)}</summary>
${f.suite !== f.check ? `<p class="muted">Sent by the <code>${f.suite}</code> suite; judged by <code>${f.check}</code>.</p>` : ''}
${f.curl ? `<p>Request:</p><pre>${escapeHtml(f.curl)}</pre>` : ''}
${f.fault ? `<p>No whole answer: <strong>${escapeHtml(f.fault.replace('_', ' '))}</strong></p>` : ''}
${f.response ? `<p>Response: <strong>${f.response.status}</strong>${f.response.truncated ? ' (body cut at the size cap)' : ''}</p><pre>${escapeHtml(Object.entries(f.response.headers).map(([k, v]) => `${k}: ${v}`).join('\n'))}\n\n${escapeHtml(f.response.bodyExcerpt)}</pre>` : ''}
<p>Replay${recorded ? '' : ` (seed ${f.seed}${f.path ? `, path ${escapeHtml(f.path)}` : ''})`}:</p><pre>${escapeHtml(f.replay)}</pre>
<p class="muted">The failing run sent ${f.steps.length} request(s); keys are read from FLOWYTE_KEY_&lt;NAME&gt; variables.</p></details>`;
}
