/** A request the suites sent, as it went over the wire (the key is a name, never a token). */
export interface SentRequest {
  readonly method: string;
  /** Path below the target's base URL plus query string, e.g. `/integrations/postgres/objects?limit=2`. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The body as sent (already serialized), if any. */
  readonly body?: string;
  /** The config name of the key used, or undefined for a request without a usable key. */
  readonly keyName?: string;
  /** In a report, where `body` is an excerpt (request-excerpt.ts): the whole body's size in bytes. */
  readonly bodyBytes?: number;
  /** In a report: the spaces the body was padded with before `body`, left out of it (a curl command puts them back). */
  readonly padding?: number;
}

export interface ReceivedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text; of a truncated body, its first few thousand characters only. */
  readonly text: string;
  /** The parsed body when it is whole and JSON, else undefined. */
  readonly json: unknown;
  /** The body was larger than the cap: it was read up to the cap (`bytes`) and no further. */
  readonly truncated?: boolean;
  /**
   * A truncated body as far as it was read, searched for leaked secrets and then let go: kept as bytes, not as a
   * string, so that memory does not wait for the garbage collector's slow generation.
   */
  readonly bytes?: Buffer;
}

/** One request and its response, with the contract operation it was meant for. */
export interface Exchange {
  readonly operationId: string;
  readonly request: SentRequest;
  readonly response: ReceivedResponse;
}
