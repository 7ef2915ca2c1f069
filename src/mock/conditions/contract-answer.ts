import type { MediaTypeObject, ResponseObject } from '../../spec/openapi-types.js';
import type { SpecOperation } from '../../spec/operations.js';
import type { MockResponse } from '../types.js';
import { answerHeaders } from './answer-headers.js';
import { sampleSchema } from './sample-schema.js';

/** A media type as the contract writes it, with the examples that validation leaves out of `MediaTypeObject`. */
type Media = MediaTypeObject & { examples?: Record<string, { value?: unknown } | undefined>; example?: unknown };

/** What to answer from the contract, and what to say in a body the mock has to make up. */
export interface ContractAnswerRequest {
  readonly operation: SpecOperation;
  readonly status: number;
  /** A named example of that status to answer with; the first one (or a made-up body) when absent. */
  readonly example?: string;
  readonly accept: string | undefined;
  /** The request path, for a problem's `instance`. */
  readonly instance: string;
  /** Why this answer, for the `detail` of a made-up problem. */
  readonly detail: string;
}

// Titles and codes for the problems the mock makes up; the contract's own examples come first.
const PROBLEMS: Readonly<Record<number, readonly [title: string, code: string]>> = {
  400: ['Validation failure', 'validation_error'],
  401: ['Unauthorized', 'unauthorized'],
  403: ['Forbidden', 'forbidden'],
  404: ['Not found', 'not_found'],
  409: ['Conflict', 'conflict'],
  413: ['Payload too large', 'payload_too_large'],
  415: ['Unsupported media type', 'unsupported_media_type'],
  422: ['Unprocessable content', 'unprocessable'],
  429: ['Too many requests', 'rate_limited'],
  500: ['Internal error', 'internal_error'],
  502: ['Bad gateway', 'bad_gateway'],
  503: ['Service unavailable', 'service_unavailable'],
  504: ['Gateway timeout', 'gateway_timeout'],
};

/**
 * The response key that covers a status: the exact code, then a range such as `5XX`, then `default` (as the
 * response validators read it; kept here so that conditions pull no validator code into a browser bundle).
 */
export function declaredStatus(keys: readonly string[], status: number): string | undefined {
  const exact = String(status);
  return keys.find((key) => key === exact) ?? keys.find((key) => key.toUpperCase() === `${exact[0]}XX`) ?? keys.find((key) => key === 'default');
}

/** The declared response of a status, or undefined. */
export function declaredResponse(operation: SpecOperation, status: number): ResponseObject | undefined {
  const key = declaredStatus(Object.keys(operation.responses), status);
  return key === undefined ? undefined : operation.responses[key];
}

/** The names of the named examples of one declared response, in document order. */
export function exampleNames(response: ResponseObject): string[] {
  return Object.values(response.content ?? {}).flatMap((media) => Object.keys((media as Media).examples ?? {}));
}

/**
 * The answer the contract gives for a declared status: the named example asked for, else the first named
 * example of the media type `Accept` picks, else a body made up to fit the schema (for an error, a problem with
 * its `status`, `title` and `code`). Declared headers are filled in, with `Retry-After` on a 429 and
 * `WWW-Authenticate` on a 401 even when undeclared. The caller checks that the status is declared and that
 * a named example exists.
 */
export function contractAnswer(request: ContractAnswerRequest): MockResponse {
  const response = declaredResponse(request.operation, request.status) ?? {};
  const headers = answerHeaders(request.operation, request.status, response);
  const content = Object.entries(response.content ?? {}) as Array<[string, Media]>;
  if (content.length === 0) return { status: request.status, headers, body: '' };

  const named = request.example === undefined ? undefined : content.find(([, media]) => media.examples?.[request.example!]);
  const [mediaType, media] = named ?? negotiate(content, request.accept);
  const body = request.example !== undefined ? media.examples?.[request.example]?.value : firstExample(media) ?? madeUp(request, mediaType, media);
  headers['content-type'] = /json/i.test(mediaType) ? `${mediaType}; charset=utf-8` : mediaType;
  return { status: request.status, headers, body: typeof body === 'string' && !/json/i.test(mediaType) ? body : JSON.stringify(body ?? null) };
}

function firstExample(media: Media): unknown {
  for (const example of Object.values(media.examples ?? {})) if (example && 'value' in example) return example.value;
  return media.example;
}

function madeUp(request: ContractAnswerRequest, mediaType: string, media: Media): unknown {
  if (request.status < 400) return sampleSchema(media.schema);
  const [title, code] = PROBLEMS[request.status] ?? [`HTTP ${request.status}`, `http_${request.status}`];
  const problem = { type: 'about:blank', title, status: request.status, detail: request.detail, instance: request.instance, code };
  if (/problem\+json$/i.test(mediaType)) return problem;
  // Another error shape (the `{success: false, message, errors}` envelope): the schema's, with what is known put in.
  const sample = sampleSchema(media.schema);
  if (typeof sample !== 'object' || sample === null || Array.isArray(sample)) return sample;
  const known: Record<string, unknown> = { ...problem, success: false, message: request.detail, errors: [] };
  for (const [name, value] of Object.entries(known)) {
    const current = (sample as Record<string, unknown>)[name];
    if (name in sample && typeof current === typeof value && Array.isArray(current) === Array.isArray(value)) (sample as Record<string, unknown>)[name] = value;
  }
  return sample;
}

/** The declared media type `Accept` ranks highest (q-values and wildcards honoured); ties and no match go to the first declared. */
function negotiate(content: Array<[string, Media]>, accept: string | undefined): [string, Media] {
  if (!accept) return content[0]!;
  const ranges = accept.split(',').map((part) => {
    const [range = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = Number(params.find((param) => param.startsWith('q='))?.slice(2) ?? 1);
    return { range, q: Number.isFinite(q) ? q : 0 };
  });
  let best = content[0]!;
  let bestQ = 0;
  for (const entry of content) {
    const type = entry[0].toLowerCase();
    // The most specific range that covers the type decides its quality: `*/*, application/json;q=0` refuses JSON.
    const covering =
      ranges.find(({ range }) => range === type) ??
      ranges.find(({ range }) => range.endsWith('/*') && range !== '*/*' && type.startsWith(range.slice(0, -1))) ??
      ranges.find(({ range }) => range === '*/*');
    if (covering && covering.q > bestQ) [best, bestQ] = [entry, covering.q];
  }
  return best;
}
