import { STATUS_CODES } from 'node:http';
import { RECORDED_VERDICT_CHECKS, type HarEntry, type HarHeader } from '../traffic/har.js';
import type { Violation } from '../traffic/traffic-validator.js';
import { recordedContent, recordedPostData, sizeText, type KeptBody, type KeptRequestBody } from './recorded-body.js';
import { redactedHeader, scrubUrl } from './redaction.js';
import type { SecretMemory } from './secret-memory.js';

/** One exchange through the proxy, as it is recorded. */
export interface ProxiedExchange {
  /** When the request arrived, in milliseconds since the epoch. */
  readonly startedMs: number;
  /** Until the answer's head, and until its last byte. */
  readonly waitMs: number;
  readonly totalMs: number;
  readonly method: string;
  /** The Host the client asked (the proxy's), and the path and query: any HAR reader finds the operation in them. */
  readonly host: string;
  readonly url: string;
  readonly httpVersion: string;
  /** The request headers forwarded (hop-by-hop ones left out). */
  readonly requestHeaders: Readonly<Record<string, string | string[]>>;
  readonly requestBody?: KeptRequestBody;
  /** The target's answer (not the proxy's replacement of it); status 0 when there was none. */
  readonly status: number;
  readonly responseHeaders: Readonly<Record<string, string | string[]>>;
  /** The answer's body, decoded when it came compressed and fit the cap. */
  readonly responseBody?: KeptBody;
  /** What the client got instead, or why there is no answer. */
  readonly comment?: string;
  /** The proxy's verdict, its messages scrubbed. */
  readonly violations?: readonly Violation[];
}

/**
 * An exchange as a HAR 1.2 entry, every secret redacted: keys as fingerprints, `credentials` fields, cookies, and
 * every value remembered, in bodies and headers; in the URL, keys and secret-grade values only (see SecretGrade).
 */
export function harEntry(exchange: ProxiedExchange, memory: SecretMemory): HarEntry {
  const url = absoluteUrl(scrubUrl(`http://${exchange.host}${exchange.url}`, memory));
  const requestHeaders = harHeaders(exchange.requestHeaders, memory);
  const requestType = headerValue(requestHeaders, 'content-type') ?? '';
  const responseHeaders = harHeaders(exchange.responseHeaders, memory);
  const responseType = headerValue(responseHeaders, 'content-type') ?? '';
  const { requestBody } = exchange;
  const request = requestBody && requestBody.size > 0 ? recordedPostData(requestBody, requestType, memory) : {};
  const cut = requestBody?.cut && request.postData ? `the request body was ${sizeText(requestBody)}: its first ${requestBody.bytes.length} bytes are recorded` : undefined;
  const comment = [cut, request.note, exchange.comment].filter(Boolean).join('; ');
  const kept = (exchange.violations ?? []).filter((violation) => RECORDED_VERDICT_CHECKS.has(violation.check));
  return {
    startedDateTime: new Date(exchange.startedMs).toISOString(),
    time: round(exchange.totalMs),
    request: {
      method: exchange.method,
      url: url.href,
      httpVersion: exchange.httpVersion,
      headers: requestHeaders,
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
      cookies: [],
      headersSize: -1,
      // As a response's content size: a whole body's recorded length, after redaction; a cut one's size on the wire.
      bodySize: request.recordedBytes !== undefined && !requestBody?.cut ? request.recordedBytes : (requestBody?.size ?? 0),
      ...(request.postData ? { postData: request.postData } : {}),
    },
    response: {
      status: exchange.status,
      statusText: exchange.status ? (STATUS_CODES[exchange.status] ?? '') : '',
      httpVersion: exchange.status ? exchange.httpVersion : '',
      headers: responseHeaders,
      cookies: [],
      content: recordedContent(exchange.responseBody, responseType, memory),
      redirectURL: scrubUrl(String(exchange.responseHeaders.location ?? ''), memory),
      headersSize: -1,
      bodySize: exchange.responseBody?.size ?? 0,
    },
    cache: {},
    timings: { send: 0, wait: round(exchange.waitMs), receive: round(Math.max(0, exchange.totalMs - exchange.waitMs)) },
    ...(comment ? { comment } : {}),
    ...(kept.length ? { _flowyteViolations: kept.map(({ check, location, severity, message }) => ({ check, location, severity, message })) } : {}),
  };
}

function harHeaders(headers: Readonly<Record<string, string | string[]>>, memory: SecretMemory): HarHeader[] {
  return Object.entries(headers).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((one) => redactedHeader(name, one, memory)));
}

const headerValue = (headers: readonly HarHeader[], name: string) => headers.find((header) => header.name === name)?.value;

/** The URL as a HAR needs it, absolute: a Host header no URL parser takes is read as localhost. */
function absoluteUrl(url: string): URL {
  try {
    return new URL(url);
  } catch {
    return new URL(url.slice(url.indexOf('/', 'http://'.length)), 'http://localhost');
  }
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;
