import { redactedState } from '../control/redacted-state.js';
import { isProblem, problem, type Problem } from '../problems.js';
import { jsonResponse, problemResponse } from '../render.js';
import { readJsonBody } from '../request-body.js';
import type { Store } from '../store.js';
import type { MockRequest, MockResponse } from '../types.js';
import { restoreState } from './restore.js';

/** At most this many problems are spelt out in `detail`; `errors[]` lists them all. */
const DETAILED = 5;

/**
 * `PUT /__mock/state`: restores a snapshot (what `GET /__mock/state` answered) in one request and answers the
 * state as GET would. A bad snapshot is a 400 problem naming each wrong field, and changes nothing.
 */
export function putState(store: Store, request: MockRequest, path: string): MockResponse {
  const fail = (answer: Problem) => problemResponse(answer, path, request.headers.accept);
  const body = readJsonBody(request.body, request.headers['content-type']);
  if (isProblem(body)) return fail(body);
  if (body.value === undefined) {
    return fail(problem('validation_error', 'The body is required: a GET /__mock/state answer to restore.', { errors: [{ field: 'body', message: 'is required' }] }));
  }
  const errors = restoreState(store, body.value, 'body');
  if (errors.length) {
    const listed = errors.slice(0, DETAILED).map((error) => `${error.field} ${error.message}`);
    if (errors.length > DETAILED) listed.push(`and ${errors.length - DETAILED} more`);
    return fail(problem('validation_error', `The state was not restored: ${listed.join('; ')}.`, { errors }));
  }
  return jsonResponse(200, { success: true, data: redactedState(store) });
}
