import { createHash } from 'node:crypto';

/**
 * The parts of HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) this tool reads and writes. Browsers and
 * Playwright write more; readers ignore what they do not need.
 */
export interface HarHeader {
  readonly name: string;
  readonly value: string;
}

export interface HarPostData {
  readonly mimeType: string;
  readonly text?: string;
  /** Not in HAR 1.2 for requests, but some tools write it as for content. */
  readonly encoding?: string;
}

export interface HarRequest {
  readonly method: string;
  /** Absolute URL. */
  readonly url: string;
  readonly httpVersion: string;
  readonly headers: readonly HarHeader[];
  readonly queryString: ReadonlyArray<{ readonly name: string; readonly value: string }>;
  readonly cookies: readonly unknown[];
  readonly headersSize: number;
  readonly bodySize: number;
  readonly postData?: HarPostData;
}

export interface HarContent {
  readonly size: number;
  readonly mimeType: string;
  readonly text?: string;
  /** `base64` when `text` is base64-encoded. */
  readonly encoding?: string;
  readonly comment?: string;
}

export interface HarResponse {
  readonly status: number;
  readonly statusText: string;
  readonly httpVersion: string;
  readonly headers: readonly HarHeader[];
  readonly cookies: readonly unknown[];
  readonly content: HarContent;
  readonly redirectURL: string;
  readonly headersSize: number;
  readonly bodySize: number;
}

export interface HarEntry {
  readonly startedDateTime: string;
  readonly time: number;
  readonly request: HarRequest;
  readonly response: HarResponse;
  readonly cache: Record<string, never>;
  readonly timings: { readonly send: number; readonly wait: number; readonly receive: number };
  readonly comment?: string;
  /** The proxy's verdict on what the recording, redacted, no longer shows (see RECORDED_VERDICT_CHECKS). */
  readonly _flowyteViolations?: readonly RecordedViolation[];
}

/** A violation as a recording of the proxy keeps it: its message scrubbed of every secret, as the log has it. */
export interface RecordedViolation {
  readonly check: string;
  readonly location: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/**
 * The checks whose verdict a recording of the proxy keeps beside the exchange, because its redaction hides what they
 * read: the request as sent (its credentials, which the contract's patterns judge) and a credential echoed back.
 * `check --har` takes them from the entry (HAR allows fields of one's own, named with a leading underscore).
 */
export const RECORDED_VERDICT_CHECKS: ReadonlySet<string> = new Set(['request_schema', 'secret_non_disclosure']);

export interface Har {
  readonly log: {
    readonly version: string;
    readonly creator: { readonly name: string; readonly version: string };
    readonly entries: readonly HarEntry[];
    readonly comment?: string;
  };
}

/**
 * What replaces an Authorization header's key in a recording: the scheme and a fingerprint (the first 12 hex of the
 * key's SHA-256), never the key. `replay --har` maps a fingerprint to a configured key of the target.
 */
export const REDACTED_KEY_PREFIX = 'Bearer flowyte-redacted:';
/** What replaces a credential field's value in a recorded request body. */
export const REDACTED_VALUE = '[REDACTED]';

/**
 * The credential fields that are no secret (an SQL descriptor's `sslmode` and `port`): every other field of a
 * request's `credentials` is hidden in a recording or a report, and searched for in later answers.
 */
export const PLAIN_CREDENTIAL_FIELDS: ReadonlySet<string> = new Set(['sslmode', 'port']);

/** A key's fingerprint: enough to tell keys apart and to map them, useless to call the API with. */
export function keyFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 12);
}
