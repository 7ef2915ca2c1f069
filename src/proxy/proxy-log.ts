import type { Violation } from '../traffic/traffic-validator.js';

/** What the log says of one exchange; never a query string, a header value or a body. */
export interface LoggedExchange {
  readonly at: Date;
  readonly method: string;
  /** The path without its query (a query may carry anything). */
  readonly path: string;
  /** 0 when the client got no answer from the target. */
  readonly status: number;
  readonly durationMs: number;
  /** What happened besides an answer passed on: `not judged (outside /api/v1)`, `refused by --errors`, a fault's code. */
  readonly note?: string;
  /** A line to print even with --quiet: the target failed to answer, or its answer could not be judged. */
  readonly notable?: boolean;
}

/**
 * The proxy's log: one line per exchange (with --quiet, only for a fault or an answer not validated), then one per violation with the check and its
 * message, each with the ISO time, method, path and status so that a line found by `grep` says everything.
 *
 * `2025-03-02T14:03:22.118Z GET /api/v1/integrations 200 3.1ms`
 * `2025-03-02T14:03:22.118Z GET /api/v1/integrations 200 response_schema error: data/0/status must be equal to one of the allowed values`
 */
export function exchangeLines(exchange: LoggedExchange, violations: readonly Violation[], quiet: boolean): string {
  const head = `${exchange.at.toISOString()} ${exchange.method} ${printable(exchange.path)} ${exchange.status}`;
  const lines = quiet && !exchange.notable ? [] : [`${head} ${exchange.durationMs.toFixed(1)}ms${exchange.note ? ` ${exchange.note}` : ''}`];
  for (const violation of violations) lines.push(`${head} ${violation.check} ${violation.severity}: ${printable(violation.message)} (${violation.location})`);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

// Paths and messages quote the client's or the target's text: control characters could move a terminal's cursor.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const printable = (text: string) => (text.length > 1000 ? `${text.slice(0, 1000)}…` : text).replace(CONTROL, '?');
