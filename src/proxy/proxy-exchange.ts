import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { problemResponse } from '../mock/render.js';
import type { ObservedRequest, RequestVerdict } from '../traffic/traffic-validator.js';
import { answerHeaders, isBodiless } from './answer-headers.js';
import { headOf, readUpTo, resumed, type CappedRead } from './capped-body.js';
import { contentCodings, decodableAcceptEncoding } from './content-decoding.js';
import { failed } from './exchange-failure.js';
import { outcomeOf, type ExchangeOutcome, type ExchangeState } from './exchange-outcome.js';
import type { ExchangeSettings } from './exchange-settings.js';
import { endToEndHeaders } from './hop-by-hop.js';
import { judgeAnswer, type AnswerVerdict } from './judge-answer.js';
import { passThrough } from './pass-through.js';
import { PROXY_CORS_HEADERS, proxyPreflight } from './proxy-cors.js';
import { contractViolationProblem } from './proxy-problems.js';
import { scrubViolations, tokenOf } from './redaction.js';
import { submittedCredentials } from './request-credentials.js';
import { decodeRequest, plainRequestBody } from './request-decoding.js';
import type { SecretMemory } from './secret-memory.js';
import { sendAnswer } from './send-answer.js';
import { upstreamPath } from './target.js';
import type { UpstreamAnswer } from './upstream.js';
import { VIOLATIONS_HEADER, violationsHeader } from './violations-header.js';

/** Keys shorter than this are too common a string to hide wherever they appear. */
const SHORTEST_KEY = 8;

/**
 * One request through the proxy. An operation of the contract is judged: the request read up to the cap and judged,
 * forwarded (or refused with --errors), the answer read up to the cap, judged, and passed on with the verdict in its
 * headers (or replaced with --errors), all within --timeout. Anything else is piped through (see pass-through.ts).
 * Resolves once the client has its answer, or is gone, with what came of it (nothing for a preflight); never rejects.
 */
export async function proxyExchange(req: IncomingMessage, res: ServerResponse, settings: ExchangeSettings): Promise<ExchangeOutcome | undefined> {
  const started = performance.now();
  const url = pathAndQuery(req.url ?? '/');
  const queryAt = url.indexOf('?');
  const covered = settings.validator.covers(url);
  // The API's preflights are the proxy's to answer, as the mock answers them: the target may not know CORS.
  if (covered && req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
    sendAnswer(res, proxyPreflight(req.headers['access-control-request-headers']));
    return undefined;
  }
  const method = req.method ?? 'GET';
  const withBody = hasBody(req);
  const headers = req.headers as Record<string, string | undefined>;
  // The route alone says whether the contract judges the exchange, before a byte of the body is read (a request
  // without one is judged whole right away).
  const routed = covered ? settings.validator.checkRequest({ method, url, headers, ...(withBody ? { bodyNotRead: true } : {}) }) : undefined;
  const state: ExchangeState = {
    req,
    method,
    url,
    path: queryAt === -1 ? url : url.slice(0, queryAt),
    covered,
    judged: routed?.judged === true,
    withBody,
    started,
    headers: forwardedHeaders(req, settings.hidden),
    cap: settings.maxBodyBytes,
    recording: settings.recording,
    requestSize: 0,
    violations: [],
  };
  // A client that goes away cancels the target's exchange; so does the deadline of a judged exchange.
  const abort = new AbortController();
  res.once('close', () => res.writableFinished || abort.abort());
  if (!state.judged) {
    return passThrough(state, res, settings, abort.signal).catch((error: unknown) => failed(state, res, settings, error, { clientGone: abort.signal.aborted, timedOut: false }));
  }
  const deadline = { passed: false };
  const timer = setTimeout(() => ((deadline.passed = true), abort.abort()), settings.timeoutMs);
  try {
    return await forward(state, res, settings, abort.signal, withBody ? undefined : routed);
  } catch (error) {
    return failed(state, res, settings, error, { clientGone: abort.signal.aborted && !deadline.passed, timedOut: deadline.passed });
  } finally {
    clearTimeout(timer);
  }
}

/** A judged exchange. `verdict`: the request's, when it was judged whole already (it has no body). */
async function forward(state: ExchangeState, res: ServerResponse, settings: ExchangeSettings, signal: AbortSignal, verdict?: RequestVerdict): Promise<ExchangeOutcome> {
  const { req, cap } = state;
  if (state.withBody) {
    state.requestRead = await readUpTo(req, cap, signal);
    state.requestSize = state.requestRead.size;
    await decodeRequest(state);
  }
  const observed = observedRequest(state);
  verdict ??= settings.validator.checkRequest(observed);
  remember(settings, verdict, plainRequestBody(state));
  if (verdict.violations.length) state.violations = scrubViolations(verdict.violations, settings.hidden);
  if (settings.errors && verdict.refusal) return refuse(state, res, verdict.refusal);

  const read = state.requestRead;
  const body = !read ? undefined : read.whole ? headOf(read, cap) : resumed(read, req, (size) => (state.requestSize += size));
  const path = upstreamPath(state.url, state.covered, settings.contractBasePath, settings.target);
  const answer = await settings.upstream.send({ method: state.method, path, headers: state.headers, body, signal });
  state.waitMs = performance.now() - state.started;
  const answerRead = await readUpTo(answer.body, cap);
  const judging = { validator: settings.validator, operationId: verdict.operationId!, cap, submitted: settings.submitted, hidden: settings.hidden, requestViolations: verdict.violations };
  const judged = await judgeAnswer(judging, observed, answer, answerRead);
  state.violations.push(...judged.violations);
  if (settings.errors && state.violations.some((violation) => violation.severity === 'error')) return replace(state, res, answer, answerRead, judged);
  return passOn(state, res, answer, answerRead, judged);
}

/**
 * What the request submits, remembered before its answer comes: every credential value, valid or not, to hide from
 * the log, the headers and the recording (the secret-grade ones in URLs too); the secrets of a valid request, for
 * secret_non_disclosure to search later answers for.
 */
function remember(settings: ExchangeSettings, verdict: RequestVerdict, body: Buffer | undefined): void {
  settings.hidden.remember(verdict.credentials, 'identifier');
  for (const { value, grade } of submittedCredentials(body)) settings.hidden.remember([value], grade);
  if (verdict.secrets.length) settings.submitted.remember(verdict.secrets);
}

/** With --errors, an invalid request gets the mock's own refusal and never reaches the target. */
function refuse(state: ExchangeState, res: ServerResponse, refusal: NonNullable<RequestVerdict['refusal']>): ExchangeOutcome {
  sendAnswer(res, refusal, { ...PROXY_CORS_HEADERS, [VIOLATIONS_HEADER]: violationsHeader(state.violations), ...(state.req.complete ? {} : { connection: 'close' }) });
  const body = Buffer.from(refusal.body);
  return outcomeOf(state, refusal.status, 'refused', { answer: { headers: refusal.headers, body: { bytes: body, size: body.length, cut: false } }, comment: 'not forwarded: refused by --errors, the client got this answer' });
}

/** With --errors, an answer that breaks a documented rule becomes a 502 naming the violations; the recording keeps the target's. */
function replace(state: ExchangeState, res: ServerResponse, answer: UpstreamAnswer, read: CappedRead, judged: AnswerVerdict): ExchangeOutcome {
  if (!read.whole) answer.body.destroy();
  const replacement = problemResponse(contractViolationProblem(answer.status, state.violations), state.path, state.req.headers.accept);
  sendAnswer(res, replacement, { ...PROXY_CORS_HEADERS, [VIOLATIONS_HEADER]: violationsHeader(state.violations) });
  return outcomeOf(state, answer.status, 'replaced', { answer: kept(answer, read, judged, read.size, state.cap), comment: 'the client got a 502 contract_violation instead (--errors)' });
}

/** The target's answer, as it came, with the verdict in its headers: whole when it fit the cap, else streamed on. */
async function passOn(state: ExchangeState, res: ServerResponse, answer: UpstreamAnswer, read: CappedRead, judged: AnswerVerdict): Promise<ExchangeOutcome> {
  const { notValidated } = judged;
  // Read whole, its length is known; a HEAD answer keeps the length of the GET it stands for, and a 304 or a 204 has
  // no content whose length the proxy could state (a 304's Content-Length, if any, is the target's to give).
  const length = read.whole && state.method !== 'HEAD' && !isBodiless(answer.status) ? read.size : undefined;
  res.writeHead(answer.status, answerHeaders(answer.headers, { covered: state.covered, violations: state.violations, notValidated, length }));
  let size = read.size;
  if (read.whole) res.end(read.chunks.length === 1 ? read.chunks[0] : Buffer.concat(read.chunks as Buffer[], read.size));
  else await pipeline(resumed(read, answer.body, (more) => (size += more)), res);
  return outcomeOf(state, answer.status, 'forwarded', { notValidated, ...(state.recording ? { answer: kept(answer, read, judged, size, state.cap) } : {}) });
}

/** The request headers the target gets: end-to-end ones, with an Accept-Encoding whose answer the proxy can read. */
function forwardedHeaders(req: IncomingMessage, hidden: SecretMemory): Record<string, string | string[]> {
  const headers = endToEndHeaders(req.headers);
  if (typeof headers['accept-encoding'] === 'string') headers['accept-encoding'] = decodableAcceptEncoding(headers['accept-encoding']);
  // The key is remembered (never shown): a recording or a log line that meets it elsewhere hides it.
  const token = typeof headers.authorization === 'string' ? tokenOf(headers.authorization) : '';
  if (token.length >= SHORTEST_KEY) hidden.remember([token], 'secret');
  return headers;
}

/** The request as the validator reads it: its body only when read whole and not compressed. */
function observedRequest({ req, method, url, requestRead, cap }: ExchangeState): ObservedRequest {
  const headers = req.headers as Record<string, string | undefined>;
  if (!requestRead) return { method, url, headers };
  return requestRead.whole && !contentCodings(req.headers['content-encoding']) ? { method, url, headers, body: headOf(requestRead, cap) } : { method, url, headers, bodyNotRead: true };
}

/** The target's answer as a recording keeps it: its end-to-end headers, its body decoded and up to the cap. */
function kept(answer: UpstreamAnswer, read: CappedRead, judged: AnswerVerdict, size: number, cap: number) {
  return { headers: endToEndHeaders(answer.headers), body: { bytes: judged.decoded ?? headOf(read, cap), size, cut: !read.whole } };
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
