import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { codeOf, faultKindOf } from '../contract/transport-fault.js';
import { problem } from '../mock/problems.js';
import { problemResponse } from '../mock/render.js';
import type { MockResponse } from '../mock/types.js';
import type { ObservedRequest, RequestVerdict, TrafficValidator } from '../traffic/traffic-validator.js';
import { answerHeaders } from './answer-headers.js';
import { headOf, readUpTo, resumed, type CappedRead } from './capped-body.js';
import { decodableAcceptEncoding } from './content-decoding.js';
import { outcomeOf, type ExchangeOutcome, type ExchangeState } from './exchange-outcome.js';
import { endToEndHeaders } from './hop-by-hop.js';
import { judgeAnswer, type AnswerVerdict } from './judge-answer.js';
import { PROXY_CORS_HEADERS, proxyPreflight } from './proxy-cors.js';
import { contractViolationProblem, faultProblem } from './proxy-problems.js';
import { tokenOf, type Secrets } from './redaction.js';
import { upstreamPath, type ProxyTarget } from './target.js';
import type { Upstream, UpstreamAnswer } from './upstream.js';
import { VIOLATIONS_HEADER, violationsHeader } from './violations-header.js';

export interface ExchangeSettings {
  readonly target: ProxyTarget;
  readonly upstream: Upstream;
  readonly validator: TrafficValidator;
  readonly contractBasePath: string;
  readonly errors: boolean;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly secrets: Secrets;
  readonly recording: boolean;
  /** True once the proxy is stopping: the exchanges cut then are not the client's doing. */
  readonly stopping: () => boolean;
}

/** Keys shorter than this are too common a string to hide wherever they appear. */
const SHORTEST_KEY = 8;

/**
 * One request through the proxy: judged, forwarded (or refused with --errors), the answer read up to the cap,
 * judged, and passed on with the verdict in its headers (or replaced with --errors). Resolves once the client
 * has its answer, or is gone, with what came of it (nothing for a preflight); never rejects.
 */
export async function proxyExchange(req: IncomingMessage, res: ServerResponse, settings: ExchangeSettings): Promise<ExchangeOutcome | undefined> {
  const started = performance.now();
  const url = pathAndQuery(req.url ?? '/');
  const queryAt = url.indexOf('?');
  const covered = settings.validator.covers(url);
  // The API's preflights are the proxy's to answer, as the mock answers them: the target may not know CORS.
  if (covered && req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
    send(res, proxyPreflight(req.headers['access-control-request-headers']));
    return undefined;
  }
  const state: ExchangeState = {
    req,
    method: req.method ?? 'GET',
    url,
    path: queryAt === -1 ? url : url.slice(0, queryAt),
    covered,
    started,
    headers: forwardedHeaders(req, settings.secrets),
    cap: settings.maxBodyBytes,
    recording: settings.recording,
    requestSize: 0,
    violations: [],
  };
  // A client that goes away cancels the target's exchange; so does the deadline of the whole exchange.
  const abort = new AbortController();
  const deadline = { passed: false };
  res.once('close', () => res.writableFinished || abort.abort());
  const timer = setTimeout(() => ((deadline.passed = true), abort.abort()), settings.timeoutMs);
  try {
    return await forward(state, res, settings, abort.signal);
  } catch (error) {
    return failed(state, res, settings, error, abort.signal.aborted && !deadline.passed, deadline.passed);
  } finally {
    clearTimeout(timer);
  }
}

async function forward(state: ExchangeState, res: ServerResponse, settings: ExchangeSettings, signal: AbortSignal): Promise<ExchangeOutcome> {
  const { req, cap } = state;
  if (hasBody(req)) state.requestRead = await readUpTo(req, cap);
  state.requestSize = state.requestRead?.size ?? 0;
  const observed = observedRequest(state);
  const verdict = state.covered ? settings.validator.checkRequest(observed) : undefined;
  if (verdict?.secrets.length) settings.secrets.credentials.remember(verdict.secrets);
  if (verdict?.violations.length) state.violations = [...verdict.violations];
  if (settings.errors && verdict?.refusal) return refuse(state, res, verdict.refusal);

  const read = state.requestRead;
  const body = !read ? undefined : read.whole ? headOf(read, cap) : resumed(read, req, (size) => (state.requestSize += size));
  const path = upstreamPath(state.url, state.covered, settings.contractBasePath, settings.target);
  const answer = await settings.upstream.send({ method: state.method, path, headers: state.headers, body, signal });
  state.waitMs = performance.now() - state.started;
  const answerRead = await readUpTo(answer.body, cap);
  const judged = verdict?.operationId ? await judgeAnswer(settings.validator, verdict.operationId, observed, answer, answerRead, cap, settings.secrets.credentials) : undefined;
  if (judged?.violations.length) state.violations.push(...judged.violations);
  if (settings.errors && state.violations.some((violation) => violation.severity === 'error')) return replace(state, res, answer, answerRead, judged);
  return passOn(state, res, answer, answerRead, judged);
}

/** With --errors, an invalid request gets the mock's own refusal and never reaches the target. */
function refuse(state: ExchangeState, res: ServerResponse, refusal: NonNullable<RequestVerdict['refusal']>): ExchangeOutcome {
  send(res, refusal, { ...PROXY_CORS_HEADERS, [VIOLATIONS_HEADER]: violationsHeader(state.violations) });
  const body = Buffer.from(refusal.body);
  return outcomeOf(state, refusal.status, 'refused', { answer: { headers: refusal.headers, body: { bytes: body, size: body.length, cut: false } }, comment: 'not forwarded: refused by --errors, the client got this answer' });
}

/** With --errors, an answer that breaks a documented rule becomes a 502 naming the violations; the recording keeps the target's. */
function replace(state: ExchangeState, res: ServerResponse, answer: UpstreamAnswer, read: CappedRead, judged: AnswerVerdict | undefined): ExchangeOutcome {
  if (!read.whole) answer.body.destroy();
  const replacement = problemResponse(contractViolationProblem(answer.status, state.violations), state.path, state.req.headers.accept);
  send(res, replacement, { ...PROXY_CORS_HEADERS, [VIOLATIONS_HEADER]: violationsHeader(state.violations) });
  return outcomeOf(state, answer.status, 'replaced', { answer: kept(answer, read, judged, read.size, state.cap), comment: 'the client got a 502 contract_violation instead (--errors)' });
}

/** The target's answer, as it came, with the verdict in its headers: whole when it fit the cap, else streamed on. */
async function passOn(state: ExchangeState, res: ServerResponse, answer: UpstreamAnswer, read: CappedRead, judged: AnswerVerdict | undefined): Promise<ExchangeOutcome> {
  const notValidated = judged ? judged.notValidated : read.whole ? undefined : `body over the ${state.cap}-byte cap`;
  // Read whole, its length is known (a HEAD answer keeps the length of the GET it stands for).
  const length = read.whole && state.method !== 'HEAD' ? read.size : undefined;
  res.writeHead(answer.status, answerHeaders(answer.headers, { covered: state.covered, violations: state.violations, notValidated, length }));
  let size = read.size;
  if (read.whole) res.end(read.chunks.length === 1 ? read.chunks[0] : Buffer.concat(read.chunks as Buffer[], read.size));
  else await pipeline(resumed(read, answer.body, (more) => (size += more)), res);
  return outcomeOf(state, answer.status, 'forwarded', { notValidated, ...(state.recording ? { answer: kept(answer, read, judged, size, state.cap) } : {}) });
}

/** The exchange the target did not answer whole (or the proxy failed): a problem+json when the client can still get one. */
function failed(state: ExchangeState, res: ServerResponse, settings: ExchangeSettings, error: unknown, clientGone: boolean, timedOut: boolean): ExchangeOutcome {
  if (!isTransportError(error, clientGone || timedOut)) {
    // A bug of ours: answer like the API would, never with a stack trace.
    send(res, problemResponse(problem('internal_error', 'The proxy failed on this request.'), state.path, undefined), PROXY_CORS_HEADERS);
    return outcomeOf(state, 500, 'proxy_error', { comment: `the proxy failed: ${describeError(error)}`, recordedStatus: 0 });
  }
  const kind = faultOf(error, state.waitMs !== undefined, timedOut, clientGone);
  if (kind === 'aborted') return outcomeOf(state, 0, 'client_gone', { comment: settings.stopping() ? 'cut short: the proxy stopped' : 'the client went away before the answer was whole' });
  if (res.headersSent) {
    // The answer was on its way: all that can be said now is that it stops here.
    const code = kind === 'timeout' ? 'target_timeout' : 'target_reset';
    res.destroy();
    return outcomeOf(state, res.statusCode, code, { comment: `${code} after the answer's head: the client's answer was cut`, recordedStatus: 0 });
  }
  const fault = faultProblem(kind, describeError(error), settings.timeoutMs);
  send(res, problemResponse(fault, state.path, state.req.headers.accept), PROXY_CORS_HEADERS);
  return outcomeOf(state, fault.status, fault.code, { comment: `no answer from the target: ${fault.code} (${fault.detail})`, recordedStatus: 0 });
}

/**
 * The fault kind, as the test runner classifies network errors, and two more the proxy meets: undici's parser error
 * (no code when the answer is not HTTP at all), and a TLS certificate the proxy does not trust (the target is not
 * reachable as configured, rather than reset).
 */
function faultOf(error: unknown, gotHead: boolean, timedOut: boolean, clientGone: boolean): ReturnType<typeof faultKindOf> {
  if (!clientGone && !timedOut && (error as Error).name === 'HTTPParserError') return 'protocol';
  const code = codeOf(error);
  if (!clientGone && !timedOut && /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_)/.test(code)) return 'refused';
  return faultKindOf(error, gotHead, timedOut, clientGone);
}

/** The request headers the target gets: end-to-end ones, with an Accept-Encoding whose answer the proxy can read. */
function forwardedHeaders(req: IncomingMessage, secrets: Secrets): Record<string, string | string[]> {
  const headers = endToEndHeaders(req.headers);
  if (typeof headers['accept-encoding'] === 'string') headers['accept-encoding'] = decodableAcceptEncoding(headers['accept-encoding']);
  // The key is remembered (never shown): a recording or a log line that meets it elsewhere hides it.
  const token = typeof headers.authorization === 'string' ? tokenOf(headers.authorization) : '';
  if (token.length >= SHORTEST_KEY) secrets.keys.remember([token]);
  return headers;
}

/** The request as the validator reads it: its body only when read whole and not compressed. */
function observedRequest({ req, method, url, requestRead, cap }: ExchangeState): ObservedRequest {
  const encoded = req.headers['content-encoding'] !== undefined && req.headers['content-encoding'] !== 'identity';
  const headers = req.headers as Record<string, string | undefined>;
  if (!requestRead) return { method, url, headers };
  return requestRead.whole && !encoded ? { method, url, headers, body: headOf(requestRead, cap) } : { method, url, headers, bodyNotRead: true };
}

/** The target's answer as a recording keeps it: its end-to-end headers, its body decoded and up to the cap. */
function kept(answer: UpstreamAnswer, read: CappedRead, judged: AnswerVerdict | undefined, size: number, cap: number) {
  return { headers: endToEndHeaders(answer.headers), body: { bytes: judged?.decoded ?? headOf(read, cap), size, cut: !read.whole } };
}

/** An answer the proxy makes up itself, with the headers given on top. */
function send(res: ServerResponse, response: MockResponse, extra: Readonly<Record<string, string>> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(response.status, { ...response.headers, ...extra, 'content-length': String(Buffer.byteLength(response.body)) });
  res.end(response.body);
}

/** Whether a request announces a body (Node drops anything a request sends unannounced). */
const hasBody = (req: IncomingMessage) => (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') || req.headers['transfer-encoding'] !== undefined;

/** An absolute-form request target (`GET http://host/path`) read as its path and query. */
function pathAndQuery(url: string): string {
  if (url.charCodeAt(0) === 47 /* '/' */ || !/^https?:\/\//i.test(url)) return url;
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}

/** An error of the network or of a cancelled exchange (they carry a code), as opposed to one of the proxy's own. */
function isTransportError(error: unknown, cancelled: boolean): boolean {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  return cancelled || typeof code === 'string' || name === 'AbortError' || name === 'HTTPParserError';
}

/** What the network said: an error code and its first line, never a stack. */
function describeError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  return [code, message?.split('\n')[0]].filter(Boolean).join(': ') || 'unknown error';
}
