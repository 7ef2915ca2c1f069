import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { answerHeaders } from './answer-headers.js';
import { BodyTap, headOf } from './capped-body.js';
import { contentCodings, decodedBody } from './content-decoding.js';
import { outcomeOf, type ExchangeOutcome, type ExchangeState } from './exchange-outcome.js';
import type { ExchangeSettings } from './exchange-settings.js';
import { endToEndHeaders } from './hop-by-hop.js';
import { submittedCredentials } from './request-credentials.js';
import { decodeRequest, plainRequestBody } from './request-decoding.js';
import { upstreamPath } from './target.js';

/**
 * An exchange the contract does not judge (outside the API's base path, or a route it does not describe), piped
 * through as it comes: the request body streamed on at once, the answer's head passed on as soon as it arrives and
 * its body chunk by chunk, so that a server-sent-events stream or a long download works. No whole-exchange deadline:
 * only the target's silence between two reads (undici's bodyTimeout, --timeout) ends it. When recording, the first
 * cap bytes of each body are kept on the way.
 */
export async function passThrough(state: ExchangeState, res: ServerResponse, settings: ExchangeSettings, signal: AbortSignal): Promise<ExchangeOutcome> {
  const { req, cap, recording } = state;
  const requestTap = recording && state.withBody ? new BodyTap(cap) : undefined;
  const body = !state.withBody ? undefined : requestTap ? requestTap.through(req) : req;
  const path = upstreamPath(state.url, state.covered, settings.contractBasePath, settings.target);
  const answer = await settings.upstream.send({ method: state.method, path, headers: state.headers, body, signal });
  state.waitMs = performance.now() - state.started;
  res.writeHead(answer.status, answerHeaders(answer.headers, { covered: state.covered, violations: [] }));
  // Headers go at once: a stream's first event must not wait for the body's first chunk.
  res.flushHeaders();
  const answerTap = recording ? new BodyTap(cap) : undefined;
  await pipeline(answerTap ? answerTap.through(answer.body) : answer.body, res);
  if (!recording) return outcomeOf(state, answer.status, 'forwarded');

  if (requestTap) {
    state.requestRead = requestTap.read;
    state.requestSize = requestTap.read.size;
    await decodeRequest(state);
    // Not judged, yet a recording hides what the body submits wherever the answer echoes it.
    for (const { value, grade } of submittedCredentials(plainRequestBody(state))) settings.hidden.remember([value], grade);
  }
  const read = answerTap!.read;
  const coding = contentCodings(answer.headers['content-encoding']);
  const decoded = read.whole && coding ? await decodedBody(headOf(read, cap), coding, cap) : undefined;
  const bytes = decoded && 'bytes' in decoded ? decoded.bytes : headOf(read, cap);
  return outcomeOf(state, answer.status, 'forwarded', { answer: { headers: endToEndHeaders(answer.headers), body: { bytes, size: read.size, cut: !read.whole } } });
}
