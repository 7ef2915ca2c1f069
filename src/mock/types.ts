/** A request as the transport-free core sees it. Header names are lower-case. */
export interface MockRequest {
  readonly method: string;
  /** Path and query string, as on the request line: `/api/v1/integrations?x=1`. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The raw body; the adapter stops reading one byte past the size limit. */
  readonly body?: Uint8Array | undefined;
}

/** A response as the core produces it; the adapter writes it as it is. */
export interface MockResponse {
  /** 0 only with `drop`: there is no answer. */
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Wait this long before answering: simulated latency (`Prefer: delay`, the mock-wide delay). */
  delayMs?: number;
  /** Close the connection without answering: a simulated network fault. An in-process caller fails the request. */
  drop?: boolean;
  /** What simulated this answer (`Prefer code=500`, `fault 429`), for the developer's log; never sent. */
  simulated?: string;
}

export const INTEGRATION_KINDS = [
  'google_calendar',
  'google_sheets',
  'calendly',
  'hubspot',
  'square',
  'opentable',
  'shopify',
  'postgres',
  'mysql',
] as const;
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number];

export type AuthType = 'oauth2' | 'api_key' | 'sql';

/** The largest request body the mock reads: 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The SQL databases: their reads and writes follow the SQL binding rules. */
export function isSqlKind(kind: IntegrationKind): boolean {
  return kind === 'postgres' || kind === 'mysql';
}
