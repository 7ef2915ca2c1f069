import { describeDifference, type AnswerDifference } from './answer-diff.js';

export const FIDELITY_REPORT_VERSION = 1;

/** What became of one recorded API exchange: its answer again the same, different, or not sent at all. */
export type FidelityOutcome = 'same' | 'differs' | 'not_replayed';

export interface ReplayedExchange {
  /** Its place among the recording's API exchanges, from 1. */
  readonly number: number;
  /** Its index in the HAR's `log.entries`. */
  readonly entry: number;
  readonly method: string;
  /** The recorded path, without its query. */
  readonly path: string;
  /** The names of its query parameters, in order: their values (cursors, search terms) are no report's business. */
  readonly query?: readonly string[];
  readonly operationId?: string;
  /** The recorded key, by fingerprint, and the target's key it was sent as (by config name): never a token. */
  readonly key?: { readonly fingerprint: string; readonly sentAs?: string };
  readonly recordedStatus: number;
  readonly replayedStatus?: number;
  readonly outcome: FidelityOutcome;
  /** Empty unless `differs`; at most MAX_DIFFERENCES, the rest counted in `moreDifferences`. */
  readonly differences: readonly AnswerDifference[];
  readonly moreDifferences?: number;
  /** Why it was `not_replayed`. */
  readonly reason?: string;
  /** Credential fields redacted in the recording and sent with generated values. */
  readonly filledCredentials?: readonly string[];
}

export interface FidelityReport {
  readonly version: typeof FIDELITY_REPORT_VERSION;
  readonly har: string;
  /** The target as a URL (user info redacted), or `the mock (…)` for the in-process one. */
  readonly target: string;
  readonly startedAt: string;
  /** Stopped (SIGINT, SIGTERM) before the recording's end: the exchanges are those done before. */
  readonly interrupted?: true;
  readonly totals: { readonly exchanges: number; readonly same: number; readonly differs: number; readonly notReplayed: number; readonly outsideApi: number };
  readonly exchanges: readonly ReplayedExchange[];
}

/** More differences than this on one exchange are counted, not listed: past a few, the answer is simply another one. */
export const MAX_DIFFERENCES = 25;

export function fidelityJson(report: FidelityReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The Markdown report: the verdict, the totals, then each exchange that differs or was not sent, and a table of all. */
export function fidelityMarkdown(report: FidelityReport): string {
  const { totals } = report;
  const lines = [
    '# Mock fidelity',
    '',
    `${verdict(report)}`,
    '',
    `Recording ${markdownCode(report.har)} replayed against ${markdownText(report.target)} (${report.startedAt}).`,
    '',
    `| exchanges | same | differ | not replayed | outside the API |`,
    `|---|---|---|---|---|`,
    `| ${totals.exchanges} | ${totals.same} | ${totals.differs} | ${totals.notReplayed} | ${totals.outsideApi} |`,
    '',
  ];
  // Those that differ, then those not sent: an exchange not replayed has no answer to differ.
  for (const [outcome, title] of [['differs', 'Where the answers differ'], ['not_replayed', 'Not replayed']] as const) {
    const listed = report.exchanges.filter((exchange) => exchange.outcome === outcome);
    if (!listed.length) continue;
    lines.push(`## ${title}`, '');
    for (const exchange of listed) {
      lines.push(`### #${exchange.number} ${exchange.method} ${markdownCode(requestTarget(exchange))}${exchange.operationId ? ` (${exchange.operationId})` : ''}`, '');
      lines.push(...detailLines(exchange, markdownCode).map((line) => `- ${line}`), '');
    }
  }
  lines.push('## Every exchange', '', '| # | entry | request | recorded | replayed | outcome |', '|---|---|---|---|---|---|');
  for (const exchange of report.exchanges) {
    lines.push(`| ${exchange.number} | ${exchange.entry} | ${exchange.method} ${markdownCode(requestTarget(exchange))} | ${exchange.recordedStatus} | ${exchange.replayedStatus ?? '–'} | ${exchange.outcome.replace('_', ' ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** One terminal line per exchange, its differences indented below it. */
export function exchangeLines(exchange: ReplayedExchange): string[] {
  const head = `#${exchange.number} ${exchange.method} ${requestTarget(exchange)}`;
  if (exchange.outcome === 'same') return [`${head}: same (${exchange.recordedStatus})`];
  if (exchange.outcome === 'not_replayed') return [`${head}: not replayed: ${exchange.reason}`];
  return [`${head}: differs`, ...detailLines(exchange).map((line) => `    ${line}`)];
}

/** The closing line: `12 exchanges: 10 same, 1 differ, 1 not replayed (3 entries outside the API skipped)`. */
export function summaryLine(report: FidelityReport): string {
  const { totals } = report;
  const outside = totals.outsideApi ? ` (${totals.outsideApi} ${totals.outsideApi === 1 ? 'entry' : 'entries'} outside the API skipped)` : '';
  const stopped = report.interrupted ? 'interrupted after ' : '';
  return `${stopped}${totals.exchanges} exchanges: ${totals.same} same, ${totals.differs} differ, ${totals.notReplayed} not replayed${outside}`;
}

function verdict(report: FidelityReport): string {
  if (report.interrupted) return `**Interrupted** after ${report.totals.exchanges} exchanges, ${report.totals.differs} of them different: the rest of the recording was not replayed.`;
  if (report.totals.differs) return `**${report.totals.differs} of ${report.totals.exchanges} exchanges differ** in status or shape.`;
  const partly = report.totals.notReplayed ? ` (${report.totals.notReplayed} not replayed)` : '';
  return `**Every replayed exchange answers as recorded**${partly}: same status, same shape.`;
}

/** `/api/v1/integrations/postgres/objects?limit=…&cursor=…`: which page, not what it held. */
function requestTarget(exchange: ReplayedExchange): string {
  return exchange.query?.length ? `${exchange.path}?${exchange.query.map((name) => `${name}=…`).join('&')}` : exchange.path;
}

function detailLines(exchange: ReplayedExchange, quote?: (text: string) => string): string[] {
  if (exchange.outcome === 'not_replayed') return [`not replayed: ${quote ? markdownText(exchange.reason ?? '') : exchange.reason}`];
  const lines = exchange.differences.map((difference) => describeDifference(difference, quote));
  if (exchange.moreDifferences) lines.push(`and ${exchange.moreDifferences} more`);
  return lines;
}

/** Inline code that holds any text: a backtick in it gets a longer fence, a pipe is escaped for tables. */
function markdownCode(text: string): string {
  const fence = text.includes('`') ? '`` ' : '`';
  return `${fence}${text.replace(/\|/g, '\\|')}${[...fence].reverse().join('')}`;
}

function markdownText(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (char) => `\\${char}`);
}
