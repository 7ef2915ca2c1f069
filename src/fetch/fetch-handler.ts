import { createMockCore, type MockCoreOptions } from '../in-process/create-core.js';
import type { MockCore } from '../mock/core.js';
import { CORS_HEADERS } from '../mock/cors.js';
import { problem } from '../mock/problems.js';
import { problemResponse } from '../mock/render.js';
import type { MockResponse } from '../mock/types.js';
import { NetworkDropError } from './network-drop.js';
import { toMockRequest } from './to-mock-request.js';
import { toResponse } from './to-response.js';

/** The mock as a fetch handler: what a service worker, MSW, Playwright's page.route or a test calls. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** A new mock of the packaged contract (with these options), or a core the caller keeps to inspect or share. */
export type FetchHandlerOptions = MockCoreOptions | { readonly core: MockCore };

export function createFetchHandler(options: FetchHandlerOptions = {}): FetchHandler {
  const core = 'core' in options ? options.core : createMockCore(options);
  return async (request) => {
    request.signal?.throwIfAborted();
    const answer = answerOf(core, request, await toMockRequest(request));
    // A simulated delay or fault (Prefer, or the mock-wide settings) is the transport's to play out.
    if (answer.delayMs) await wait(answer.delayMs, request.signal);
    if (answer.drop) throw new NetworkDropError();
    return toResponse(answer, request.method);
  };
}

function answerOf(core: MockCore, request: Request, incoming: Parameters<MockCore['handle']>[0]): MockResponse {
  try {
    return core.handle(incoming);
  } catch {
    // A bug of ours: answer as the served mock does (src/mock/http-adapter.ts), never with a stack trace.
    const answer = problemResponse(problem('internal_error', 'The mock failed on this request.'), new URL(request.url).pathname, undefined);
    Object.assign(answer.headers, CORS_HEADERS);
    return answer;
  }
}

/** Waits, or rejects as fetch does when the request is aborted meanwhile. */
function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
