import { isUtf8 } from 'node:buffer';
import { STATUS_CODES } from 'node:http';
import type { HarContent, HarEntry, HarHeader, HarPostData } from '../traffic/har.js';
import { redactCredentials, redactedHeader, scrubBytes, scrubText, type Secrets } from './redaction.js';

/** A body as far as the proxy kept it: whole, or its first cap bytes. */
export interface KeptBody {
  readonly bytes: Buffer;
  /** The body's size on the wire, when known (a streamed body is counted as it goes). */
  readonly size: number;
  /** Only the first `bytes` were kept: the body was over the cap. */
  readonly cut: boolean;
}

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
  readonly requestBody?: KeptBody;
  /** The target's answer (not the proxy's replacement of it); status 0 when there was none. */
  readonly status: number;
  readonly responseHeaders: Readonly<Record<string, string | string[]>>;
  /** The answer's body, decoded when it came compressed and fit the cap. */
  readonly responseBody?: KeptBody;
  /** What the client got instead, or why there is no answer. */
  readonly comment?: string;
}

/** An exchange as a HAR 1.2 entry, every secret redacted (see redaction.ts). */
export function harEntry(exchange: ProxiedExchange, secrets: Secrets): HarEntry {
  const url = absoluteUrl(scrubText(`http://${exchange.host}${exchange.url}`, secrets));
  const requestHeaders = harHeaders(exchange.requestHeaders, secrets);
  const requestType = headerValue(requestHeaders, 'content-type') ?? '';
  const responseHeaders = harHeaders(exchange.responseHeaders, secrets);
  const responseType = headerValue(responseHeaders, 'content-type') ?? '';
  const cuts = [exchange.requestBody?.cut ? `the request body was ${sizeText(exchange.requestBody)}: its first ${exchange.requestBody.bytes.length} bytes are recorded` : undefined, exchange.comment];
  const comment = cuts.filter(Boolean).join('; ');
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
      bodySize: exchange.requestBody?.size ?? 0,
      ...(exchange.requestBody && exchange.requestBody.size > 0 ? { postData: postData(exchange.requestBody, requestType, secrets) } : {}),
    },
    response: {
      status: exchange.status,
      statusText: exchange.status ? (STATUS_CODES[exchange.status] ?? '') : '',
      httpVersion: exchange.status ? exchange.httpVersion : '',
      headers: responseHeaders,
      cookies: [],
      content: content(exchange.responseBody, responseType, secrets),
      redirectURL: scrubText(String(exchange.responseHeaders.location ?? ''), secrets),
      headersSize: -1,
      bodySize: exchange.responseBody?.size ?? 0,
    },
    cache: {},
    timings: { send: 0, wait: round(exchange.waitMs), receive: round(Math.max(0, exchange.totalMs - exchange.waitMs)) },
    ...(comment ? { comment } : {}),
  };
}

function harHeaders(headers: Readonly<Record<string, string | string[]>>, secrets: Secrets): HarHeader[] {
  return Object.entries(headers).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((one) => redactedHeader(name, one, secrets)));
}

const headerValue = (headers: readonly HarHeader[], name: string) => headers.find((header) => header.name === name)?.value;

function postData(body: KeptBody, mimeType: string, secrets: Secrets): HarPostData {
  const encoded = encodedBody(scrubBytes(body.bytes, secrets), mimeType, body.cut);
  return { mimeType, ...(encoded.encoding ? { text: encoded.text, encoding: encoded.encoding } : { text: redactCredentials(encoded.text) }) };
}

function content(body: KeptBody | undefined, mimeType: string, secrets: Secrets): HarContent {
  if (!body || body.bytes.length === 0) return { size: body?.size ?? 0, mimeType };
  const encoded = encodedBody(scrubBytes(body.bytes, secrets), mimeType, body.cut);
  return {
    size: body.cut ? body.size : body.bytes.length,
    mimeType,
    text: encoded.text,
    ...(encoded.encoding ? { encoding: encoded.encoding } : {}),
    ...(body.cut ? { comment: `cut: the body was ${sizeText(body)}; its first ${body.bytes.length} bytes are recorded, and it was not validated` } : {}),
  };
}

/** Text for a UTF-8 body of a textual type, base64 for anything else (a cut may split a character: it is left off). */
function encodedBody(bytes: Buffer, mimeType: string, cut: boolean): { text: string; encoding?: 'base64' } {
  const textual = mimeType === '' || /json|^text\/|xml|javascript|x-www-form-urlencoded/i.test(mimeType);
  if (textual) {
    for (let trim = 0; trim <= (cut ? 3 : 0) && trim < bytes.length; trim++) {
      const candidate = trim ? bytes.subarray(0, bytes.length - trim) : bytes;
      if (isUtf8(candidate)) return { text: candidate.toString('utf8') };
    }
  }
  return { text: bytes.toString('base64'), encoding: 'base64' };
}

/** The URL as a HAR needs it, absolute: a Host header no URL parser takes is read as localhost. */
function absoluteUrl(url: string): URL {
  try {
    return new URL(url);
  } catch {
    return new URL(url.slice(url.indexOf('/', 'http://'.length)), 'http://localhost');
  }
}

const sizeText = (body: KeptBody) => (body.size > body.bytes.length ? `${body.size} bytes` : `over ${body.bytes.length} bytes`);
const round = (ms: number) => Math.round(ms * 1000) / 1000;
