import { constants as bufferConstants } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';
import { ToolError } from '../tool-errors.js';
import { harShapeProblem, type ReadHar, type ReadHarEntry } from './har-schema.js';
import type { ObservedRequest, ObservedResponse } from './traffic-validator.js';

/** One entry of a HAR as the validator reads it. */
export interface HarExchange {
  /** Its index in `log.entries`, as `--entry` and the reports name it. */
  readonly index: number;
  /** The absolute URL recorded. */
  readonly url: URL;
  /** Its `url` is the recorded path and query (the API's base path included). */
  readonly request: ObservedRequest;
  /** Undefined when no answer came (status 0 or -1: blocked, cancelled, refused). */
  readonly response?: ObservedResponse;
  /** The answer has a body the HAR did not record, or recorded cut: judged on status and headers only. */
  readonly responseBodyNotRecorded: boolean;
}

/**
 * Reads and checks a HAR file whole (a HAR is one JSON document; the parsed entries keep their bodies as the
 * strings JSON.parse made, decoded one entry at a time by `exchangeOf`). Throws HAR_INVALID with one line naming
 * the file and what is wrong with it, down to the entry and field.
 */
export function readHar(path: string): ReadHar {
  const invalid = (reason: string) => new ToolError('HAR_INVALID', `${path}: ${reason}`);
  let text: string;
  try {
    // A string can hold at most MAX_STRING_LENGTH characters: say so rather than fail inside toString().
    const { size } = statSync(path);
    if (size > bufferConstants.MAX_STRING_LENGTH) throw invalid(`too large to read (${megabytes(size)} MB; at most ${megabytes(bufferConstants.MAX_STRING_LENGTH)} MB)`);
    text = readFileSync(path, 'utf8');
    // Tools on Windows save UTF-8 with a byte order mark, which JSON.parse refuses.
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  } catch (error) {
    if (error instanceof ToolError) throw error;
    throw invalid(unreadable(error as NodeJS.ErrnoException));
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw invalid(`not JSON${whereJsonBroke(error, text.length)}`);
  }
  const problem = harShapeProblem(data);
  if (problem) throw invalid(problem.startsWith('entries[') ? problem : `not a HAR (${problem})`);
  return data as ReadHar;
}

/** The entry as observed traffic: lower-case headers without HTTP/2 pseudo-headers, bodies decoded. */
export function exchangeOf(entry: ReadHarEntry, index: number, harPath: string): HarExchange {
  let url: URL;
  try {
    url = new URL(entry.request.url);
  } catch {
    throw new ToolError('HAR_INVALID', `${harPath}: entries[${index}].request.url: must be an absolute URL`);
  }
  const requestHeaders = headersOf(entry.request.headers);
  const request: ObservedRequest = { method: entry.request.method.toUpperCase(), url: url.pathname + url.search, headers: requestHeaders, ...requestBody(entry.request, requestHeaders) };
  const { response } = entry;
  if (response.status < 100) return { index, url, request, responseBodyNotRecorded: false };
  const headers = headersOf(response.headers) as Record<string, string>;
  const { content } = response;
  const text = content?.text;
  const recorded = typeof text === 'string' ? decode(text, content?.encoding) : undefined;
  const whole = recorded !== undefined && !cutShort(recorded, content?.size);
  const empty = recorded === undefined && (content?.size === 0 || BODILESS_STATUSES.has(response.status));
  if (whole || empty) {
    // A HEAD answer has no body to judge: its status and headers are.
    if (request.method === 'HEAD') return { index, url, request, response: { status: response.status, headers, body: UNSEEN_BODY, bodyNotRead: true }, responseBodyNotRecorded: false };
    return { index, url, request, response: { status: response.status, headers, body: recorded ?? EMPTY }, responseBodyNotRecorded: false };
  }
  // Not recorded (Chrome leaves some out, Playwright with content: 'omit') or cut: judged on status and headers, and
  // searched for leaks as far as recorded. An absent body is not an empty one: the placeholder keeps the validator from
  // reading it as such (content_type_declared would flag it); with bodyNotRead, nothing reads its content.
  const partial = recorded?.length ? recorded : UNSEEN_BODY;
  return { index, url, request, response: { status: response.status, headers, body: partial, bodyNotRead: true }, responseBodyNotRecorded: true };
}

/** Statuses that never carry a body: no `content.text` is simply no body. */
const BODILESS_STATUSES = new Set([204, 304]);
const EMPTY = new Uint8Array(0);
const UNSEEN_BODY = Uint8Array.of(0x20);

function requestBody(request: ReadHarEntry['request'], headers: Readonly<Record<string, string | undefined>>): Pick<ObservedRequest, 'body' | 'bodyNotRead'> {
  const text = request.postData?.text;
  if (typeof text === 'string' && text !== '') {
    const body = decode(text, request.postData?.encoding);
    return cutShort(body, request.bodySize) ? { body, bodyNotRead: true } : { body };
  }
  // A body was sent but not recorded (some browsers leave out large or binary uploads).
  const sent = (request.bodySize ?? 0) > 0 || Number(headers['content-length'] ?? 0) > 0;
  return sent ? { bodyNotRead: true } : {};
}

/**
 * True for a body a recorder cut (our proxy does at its cap): shorter than the size the HAR gives the whole, and no
 * longer JSON. A body edited by hand keeps its old size; still JSON, it is read as the whole body.
 */
function cutShort(body: Buffer, size: number | undefined): boolean {
  if (size === undefined || size <= body.length) return false;
  try {
    JSON.parse(body.toString('utf8'));
    return false;
  } catch {
    return true;
  }
}

function decode(text: string, encoding: string | undefined): Buffer {
  return encoding?.toLowerCase() === 'base64' ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
}

/** Lower-case names, HTTP/2 pseudo-headers (`:authority`, `:path`) left out, a repeated header joined as HTTP joins it. */
function headersOf(list: ReadHarEntry['request']['headers']): Record<string, string | undefined> {
  const headers: Record<string, string> = Object.create(null);
  for (const { name, value } of list ?? []) {
    if (name.startsWith(':')) continue;
    const key = name.toLowerCase();
    headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
  }
  return headers;
}

function unreadable(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'a directory, not a HAR file';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read (permission denied)';
    default:
      return `cannot be read (${error.code ?? error.message})`;
  }
}

/** Where JSON.parse stopped, without V8's quote of the text around it (a HAR holds keys and credentials). */
function whereJsonBroke(error: unknown, length: number): string {
  const message = error instanceof Error ? error.message : '';
  const position = /at position (\d+)(?: \(line (\d+) column (\d+)\))?/.exec(message);
  if (/end of JSON input/i.test(message) || Number(position?.[1]) >= length) return ': it ends too early';
  if (position) return position[2] ? ` (line ${position[2]}, column ${position[3]})` : ` (at character ${position[1]})`;
  // V8 names no position when it quotes the text instead: keep the one character it names, not the quote.
  const token = /^Unexpected token '(.)'/u.exec(message)?.[1];
  return token ? ` (unexpected character ${JSON.stringify(token)})` : '';
}

const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);
