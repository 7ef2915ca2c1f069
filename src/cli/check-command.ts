import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadContract } from '../contract/contract.js';
import { cellsFigure, fullyExercised } from '../contract/coverage.js';
import { counted, findingsHeadline, moreOccurrences, occurrencesOf, spread } from '../report/finding-text.js';
import { REPORT_WRITERS } from '../report/writers.js';
import { defaultSpecPath } from '../spec/load-spec.js';
import { ToolError } from '../tool-errors.js';
import { ApiScope } from '../traffic/api-scope.js';
import { checkTraffic } from '../traffic/check-traffic.js';
import { readHar } from '../traffic/har-reader.js';
import { buildTrafficReport, type TrafficReport, type TrafficSource } from '../traffic/traffic-report.js';
import type { Command } from './io.js';
import { parseFlags } from './parse-flags.js';
import { reportDirectory } from './report-directory.js';
import { toolVersion } from './tool-version.js';

const HELP = `usage: flowyte-contract check --har FILE [options]

Judges recorded traffic against the contract: a HAR saved from Chrome or Firefox devtools, by Playwright's
recordHar, or by \`flowyte-contract proxy --record\`. Writes the same four reports as \`test\`.

options:
  --har FILE            the recording (HAR 1.2)
  --base-url URL        the API's base URL in the recording, when the page talked to several origins
                        (default: entries under the contract's base path, /api/v1, on any origin)
  --entry N             judge entry N alone (log.entries[N], from 0), as a failure's replay command does
  --documented-only     leave out checks that rest on x-inferred parts of the contract
  --report-dir DIR      where the reports go (default flowyte-report)
  --spec FILE           the contract (default: the packaged openapi.yaml)
  -h, --help            show this help

Entries outside the API, entries no answer came for (blocked, cancelled), CORS preflights and requests to routes
the contract does not describe are counted and skipped. A request the contract refuses is the client's mistake: a
failure only when the server accepted it (2xx).

exit status: 0 conformant, 1 at least one violation, 2 usage or tool error (HAR_INVALID: not a HAR, naming the
entry, or nothing in it to judge)
`;

export const checkCommand: Command = async (args, io) => {
  const { values } = parseFlags(args, {
    har: { type: 'string' },
    'base-url': { type: 'string' },
    entry: { type: 'string' },
    'documented-only': { type: 'boolean', default: false },
    'report-dir': { type: 'string', default: 'flowyte-report' },
    spec: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (!values.har) throw new ToolError('USAGE', 'check needs --har FILE (a HAR saved from the browser devtools, Playwright or `flowyte-contract proxy --record`)');
  const started = Date.now();
  const contract = await loadContract(values.spec ?? defaultSpecPath());
  const scope = ApiScope.of(contract.basePath, values['base-url']);
  const directory = reportDirectory(values['report-dir']);
  const har = readHar(values.har);
  const entry = values.entry === undefined ? undefined : entryFlag(values.entry, har.log.entries.length);
  const documentedOnly = values['documented-only'];
  const checked = checkTraffic(har, { contract, scope, documentedOnly, harPath: values.har, ...(entry === undefined ? {} : { entry }) });
  // Nothing judged is no verdict: a CI step must not pass on a recording of something else (or a wrong --base-url).
  if (!checked.counts.judged) throw new ToolError('HAR_INVALID', `${values.har}: nothing to judge: ${entry === undefined ? 'no' : `entry ${entry} is no`} answered request ${scope.describe()}${skippedText(checked.counts)}; name the API with --base-url URL`);
  const replayFlags = [
    ...(values['base-url'] ? ['--base-url', values['base-url']] : []),
    ...(documentedOnly ? ['--documented-only'] : []),
    ...(values.spec ? ['--spec', values.spec] : []),
  ];
  const report = buildTrafficReport(checked, { contract, documentedOnly, harPath: values.har, scope: scope.describe(), ...(entry === undefined ? {} : { entry }), replayFlags, toolVersion: toolVersion(), started });
  for (const { file, write } of Object.values(REPORT_WRITERS)) writeFileSync(join(directory, file), write(report));
  io.stdout(summary(report, report.source, directory));
  return report.failures.length ? 1 : 0;
};

function entryFlag(value: string, entries: number): number {
  const entry = Number(value);
  if (!entries) throw new ToolError('USAGE', '--entry: the recording has no entries');
  if (!/^\d+$/.test(value) || entry >= entries) throw new ToolError('USAGE', `--entry must be the index of an entry, from 0 to ${entries - 1}, not "${value}"`);
  return entry;
}

/** How much of the findings the end screen shows, as `test`'s; summary.md and report.html have more. */
const END_SCREEN = { findings: 10, occurrences: 2, operations: 5 } as const;

/** `; skipped: 1 outside the API, 1 without an answer, 2 CORS preflights, 1 not in the contract`, or nothing when none was. */
function skippedText(counts: { outside: number; noResponse: number; preflights: number; notInContract: number }): string {
  const skipped = [
    ...(counts.outside ? [`${counts.outside} outside the API`] : []),
    ...(counts.noResponse ? [`${counts.noResponse} without an answer`] : []),
    ...(counts.preflights ? [counted(counts.preflights, 'CORS preflight')] : []),
    ...(counts.notInContract ? [`${counts.notInContract} not in the contract`] : []),
  ];
  return skipped.length ? `; skipped: ${skipped.join(', ')}` : '';
}

function summary(report: TrafficReport, source: TrafficSource, directory: string): string {
  const which = source.entry === undefined ? `${source.entries} ${source.entries === 1 ? 'entry' : 'entries'}` : `entry ${source.entry} of ${source.entries}`;
  const skipped = skippedText({ outside: source.skippedOutside, noResponse: source.skippedNoResponse, preflights: source.skippedPreflights, notInContract: source.skippedNotInContract });
  const lines = ['', `${source.har}: ${which}, ${source.judged} judged (${source.scope})${skipped}`];
  if (source.bodiesNotRecorded) lines.push(`${counted(source.bodiesNotRecorded, 'answer')} without a whole recorded body: judged on status and headers only`);
  if (source.invalidRequestsRefused) lines.push(`${counted(source.invalidRequestsRefused, 'invalid request')} refused as expected`);
  lines.push(`checks: ${report.summary.passed} passed, ${report.summary.failed} failed, ${report.summary.skipped} skipped`);
  const verdict = report.failures.length ? 'exercised: ' : fullyExercised(report.coverage) ? 'conformant on everything: ' : 'conformant on what was exercised: ';
  lines.push(`${verdict}${cellsFigure(report.coverage)}`);
  for (const check of report.checks.filter((c) => c.status === 'failed')) lines.push(`  ✘ ${check.id}`);
  if (report.failures.length) lines.push(findingsHeadline(report));
  if (source.occurrencesNotKept) lines.push(`(and ${counted(source.occurrencesNotKept, 'further occurrence')} of the same checks, operations and statuses: counted, not kept in the reports)`);
  for (const group of report.findings.slice(0, END_SCREEN.findings)) {
    const named = group.operations.slice(0, END_SCREEN.operations).join(', ');
    const more = group.operations.length > END_SCREEN.operations ? ` and ${group.operations.length - END_SCREEN.operations} more` : '';
    lines.push(`${group.id} ${group.check} · ${group.title} — ${spread(group)}`, `   ${group.symptom}`, `   on ${named}${more}`);
    for (const failure of occurrencesOf(report, group).slice(0, END_SCREEN.occurrences)) {
      lines.push(`   ${failure.id} ${failure.operationId}, ${failure.request?.method ?? ''} ${failure.request?.path ?? ''} → ${failure.response?.status ?? ''}: ${failure.message}`, `      replay: ${failure.replay}`);
    }
    const rest = moreOccurrences(group, END_SCREEN.occurrences);
    if (rest) lines.push(`   ${rest}`);
  }
  if (report.findings.length > END_SCREEN.findings) lines.push(`… and ${counted(report.findings.length - END_SCREEN.findings, 'more finding')} in the report`);
  lines.push(`reports in ${directory}`, '');
  // A recording is anyone's text: its messages and paths must not move the terminal's cursor or recolour it.
  return lines.map(printable).join('\n');
}

/** C0 and C1 controls, and the marks that reorder text on screen (bidi overrides and isolates, line separators). */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The line with every unprintable character written as its `\uXXXX` escape. */
const printable = (line: string) => line.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
