import { basePathOf, listOperations, type SpecOperation } from '../../spec/operations.js';
import { Router } from '../../spec/router.js';
import { authenticate, checkScope } from '../auth.js';
import type { MockCore } from '../core.js';
import { CORS_HEADERS } from '../cors.js';
import { isProblem } from '../problems.js';
import { problemResponse } from '../render.js';
import type { MockRequest, MockResponse } from '../types.js';
import { contractAnswer } from './contract-answer.js';
import { checkConditionOptions, type ConditionOptions } from './condition-options.js';
import { faultsOf, type Fault } from './faults.js';
import { readPreferences, type Preferences } from './preferences.js';
import { preferredAnswer } from './preferred-answer.js';
import { freshSeed, seededRandom } from '../../seeded-random.js';

/** The core with conditions: the same `handle`, and the seed its faults and delays are drawn from. */
export interface ConditionedCore extends MockCore {
  readonly seed: number;
}

/**
 * Wraps a core so that requests can ask for conditions (`Prefer: code=…, example=…, delay=…`) and the mock
 * can add latency and faults of its own. Where it applies: after routing and authentication (an unknown
 * route, a bad key or a missing scope answers as it always does, so a wrong key still gets its 401), before
 * request validation and the handler (a forced answer needs no valid body, and never changes the state).
 * The mock-wide delay applies to every API request but CORS preflights; the control routes are untouched.
 * Faults and delay ranges are drawn, request after request, from a generator seeded with `seed`: the same
 * requests in the same order meet the same faults.
 */
export function withConditions(core: MockCore, options: ConditionOptions): ConditionedCore {
  checkConditionOptions(options);
  const operations = listOperations(options.document);
  const router = new Router(operations);
  const basePath = basePathOf(options.document);
  const faults = new Map(operations.map((operation) => [operation.operationId, faultsOf(operation)]));
  const seed = options.seed ?? freshSeed();
  const random = seededRandom(seed);
  const faultRate = options.faultRate ?? 0;
  const { delay } = options;
  const mockWide = faultRate > 0 || (delay !== undefined && delay !== 0);
  const cors = options.cors ?? true;

  const drawDelay = (): number => (delay === undefined || typeof delay === 'number' ? (delay ?? 0) : delay.min + Math.floor(random() * (delay.max - delay.min + 1)));
  const drawFault = (operationId: string): Fault | undefined => {
    if (faultRate === 0 || random() >= faultRate) return undefined;
    const kinds = faults.get(operationId)!;
    return kinds[Math.floor(random() * kinds.length)];
  };
  const ours = (response: MockResponse): MockResponse => {
    if (cors) Object.assign(response.headers, CORS_HEADERS);
    return response;
  };

  function conditioned(request: MockRequest): MockResponse {
    const target = apiTarget(request.url, basePath);
    if (!target || (request.method === 'OPTIONS' && request.headers['access-control-request-method'])) return core.handle(request);
    const baseDelay = drawDelay();
    const match = router.match(request.method === 'HEAD' ? 'GET' : request.method, target.path.slice(basePath.length));
    const key = match.kind === 'operation' ? authenticate(core.store, request.headers.authorization) : undefined;
    if (match.kind !== 'operation' || isProblem(key) || checkScope(key!, match.operation.scopes)) return delayed(core.handle(request), baseDelay);

    const { operation } = match;
    const preferences = readPreferences(request.headers.prefer, target.search);
    if (isProblem(preferences)) return delayed(ours(problemResponse(preferences, target.path, request.headers.accept)), baseDelay);
    const delayMs = preferences?.delayMs ?? baseDelay;
    let response: MockResponse;
    if (preferences?.code !== undefined || preferences?.example !== undefined) {
      const answer = preferredAnswer(operation, preferences, request.headers.accept, target.path);
      if (isProblem(answer)) return delayed(ours(problemResponse(answer, target.path, request.headers.accept)), delayMs);
      response = ours(answer);
    } else {
      const fault = drawFault(operation.operationId);
      response = fault === undefined ? core.handle(request) : ours(faultAnswer(fault, operation, request, target.path, seed));
    }
    if (preferences) response.headers['preference-applied'] = appliedPreferences(preferences);
    return delayed(response, delayMs);
  }

  // Conditions off and nothing asked: one property read and a short scan, then the core as it is.
  const handle = (request: MockRequest) =>
    mockWide || request.headers.prefer !== undefined || request.url.includes('__') ? conditioned(request) : core.handle(request);
  // Whatever else the core offers (its store, getters included) stays in reach, and a spread copy still works.
  return Object.create(Object.getPrototypeOf(core), {
    ...Object.getOwnPropertyDescriptors(core),
    handle: { value: handle, enumerable: true, writable: true, configurable: true },
    seed: { value: seed, enumerable: true },
  }) as ConditionedCore;
}

/** The `Preference-Applied` value (RFC 7240): the preferences that shaped this answer. */
function appliedPreferences({ code, example, delayMs }: Preferences): string {
  const applied = [code === undefined ? '' : `code=${code}`, example === undefined ? '' : `example=${example}`, delayMs === undefined ? '' : `delay=${delayMs}`];
  return applied.filter(Boolean).join(', ');
}

function faultAnswer(fault: Fault, operation: SpecOperation, request: MockRequest, path: string, seed: number): MockResponse {
  if (fault === 'drop') return { status: 0, headers: {}, body: '', drop: true, simulated: 'fault: connection dropped' };
  const answer = contractAnswer({
    operation,
    status: fault.status,
    accept: request.headers.accept,
    instance: path,
    detail: `A fault the mock simulates (seed ${seed}); nothing was changed.`,
  });
  answer.simulated = `fault ${fault.status}`;
  return answer;
}

function delayed(response: MockResponse, delayMs: number): MockResponse {
  if (delayMs > 0) response.delayMs = delayMs;
  return response;
}

/** The path (as the core reads it: absolute-form target made relative, trailing slashes dropped) and query of an API request. */
function apiTarget(url: string, basePath: string): { path: string; search: URLSearchParams } | undefined {
  let target = url;
  if (/^https?:\/\//i.test(url)) {
    try {
      const parsed = new URL(url);
      target = parsed.pathname + parsed.search;
    } catch {
      return undefined; // the core answers what it cannot read
    }
  }
  const queryAt = target.indexOf('?');
  const rawPath = queryAt === -1 ? target : target.slice(0, queryAt);
  const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : rawPath;
  if (path !== basePath && !path.startsWith(`${basePath}/`)) return undefined;
  return { path, search: new URLSearchParams(queryAt === -1 ? '' : target.slice(queryAt + 1)) };
}
