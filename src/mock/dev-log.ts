import type { ServedRequest } from './http-adapter.js';

export interface DevLogOptions {
  /** Where each line goes (the CLI's stdout). */
  readonly write: (line: string) => void;
  /** Also log CORS preflights, which otherwise double every cross-origin request (`--verbose`). */
  readonly verbose?: boolean;
  readonly clock?: () => Date;
}

/**
 * The request log a developer watches beside the app: one line a request with the local time, method, path
 * (never the query: it may carry anything), status, the problem's `code`, the key's name (never its token),
 * the time taken and what a condition simulated. Preflights are folded away unless verbose.
 */
export function createDevLog(options: DevLogOptions): (served: ServedRequest) => void {
  const clock = options.clock ?? (() => new Date());
  return (served) => {
    if (served.preflight && !options.verbose) return;
    options.write(`${formatServed(served, clock())}\n`);
  };
}

/** `14:03:22.118 POST /api/v1/integrations/shopify/connect 400 validation_error key=acme_admin 2.3ms` */
export function formatServed(served: ServedRequest, at: Date): string {
  const parts = [
    clockTime(at),
    served.method,
    printable(served.path),
    served.dropped ? 'dropped' : String(served.status),
    served.preflight ? 'preflight' : served.code,
    served.keyName === undefined ? undefined : `key=${served.keyName}`,
    `${served.durationMs.toFixed(1)}ms`,
    served.simulated === undefined ? undefined : `[${served.simulated}]`,
  ];
  return parts.filter((part) => part !== undefined && part !== '').join(' ');
}

function clockTime(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}.${String(at.getMilliseconds()).padStart(3, '0')}`;
}

// A path is the client's text: control characters could move a terminal's cursor or recolour the log.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const printable = (path: string) => (path.length > 300 ? `${path.slice(0, 300)}…` : path).replace(CONTROL, '?');
