import type { Violation } from '../traffic/traffic-validator.js';

/** The answer's violations, as Prism's `sl-violations` carries them: a JSON array of `{check, location, severity, message}`. */
export const VIOLATIONS_HEADER = 'x-flowyte-violations';
/** Says an answer was forwarded without its body judged (`not-validated; body over the 1048576-byte cap`). */
export const VALIDATION_HEADER = 'x-flowyte-validation';

/** Proxies and browsers refuse headers past 8–16 KiB in all: the list stays under this. */
const MAX_HEADER_CHARS = 8 * 1024;
/** A message stays readable in a devtools panel; the log has it whole. */
const MAX_MESSAGE_CHARS = 500;
/** Room kept for the closing `N more` entry. */
const MORE_ENTRY_CHARS = 160;

/**
 * The `x-flowyte-violations` value: printable ASCII only (JSON escapes control characters, and every non-ASCII
 * one becomes `\uXXXX`, so no client or Node check refuses the header), at most 8 KiB. A list cut short ends with
 * an entry saying how many more the log holds.
 */
export function violationsHeader(violations: readonly Violation[]): string {
  const parts: string[] = [];
  let length = 2;
  for (const [index, violation] of violations.entries()) {
    const message = violation.message.length > MAX_MESSAGE_CHARS ? `${violation.message.slice(0, MAX_MESSAGE_CHARS)}…` : violation.message;
    const part = asciiJson({ check: violation.check, location: violation.location, severity: violation.severity, message });
    const last = index === violations.length - 1;
    if (length + part.length + 1 > MAX_HEADER_CHARS - (last ? 0 : MORE_ENTRY_CHARS)) {
      const more = violations.length - index;
      parts.push(asciiJson({ check: 'more_violations', location: 'response', severity: 'warning', message: `${more} more not shown: see the proxy's log` }));
      break;
    }
    parts.push(part);
    length += part.length + 1;
  }
  return `[${parts.join(',')}]`;
}

/** JSON with every character outside printable ASCII escaped: valid JSON, and a valid header value. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
