import type { MockCore } from '../../../src/mock/core.js';
import type { MockRequest, MockResponse } from '../../../src/mock/types.js';
import { json, serverErrorOn, withJson, type BrokenVariant } from './helpers.js';

const LIST = /^\/api\/v1\/integrations(\/catalog|\/[a-z_]+\/(objects|actions))?$/;

/**
 * The core's page, its `nextCursor` swapped for the one the same request at `limit + shift` would give: the
 * next page then starts one item early (shift -1: the last item again) or one item late (shift +1: one skipped).
 */
function shiftedNextPage(core: MockCore, request: MockRequest, shift: number): MockResponse {
  const response = core.handle(request);
  const [path, query = ''] = request.url.split('?');
  const search = new URLSearchParams(query);
  const limit = Number(search.get('limit') ?? 20);
  const page = json(response);
  if (request.method !== 'GET' || !LIST.test(path!) || response.status !== 200 || !page?.hasMore || limit + shift < 1) return response;
  search.set('limit', String(limit + shift));
  const shifted = json(core.handle({ ...request, url: `${path}?${search}` }));
  return shifted?.nextCursor ? withJson(response, { ...page, nextCursor: shifted.nextCursor }) : response;
}

/** Lists whose cursors lose their place. */
export const PAGINATION_VARIANTS: readonly BrokenVariant[] = [
  {
    name: 'starts each next page with the last item of the page before (an off-by-one cursor)',
    caughtBy: 'pagination',
    handle: (core, request) => shiftedNextPage(core, request, -1),
  },
  {
    name: 'skips the first item of each next page (a cursor one past the last item)',
    caughtBy: 'pagination',
    handle: (core, request) => shiftedNextPage(core, request, +1),
  },
  {
    name: 'answers 500 to a cursor it never issued',
    caughtBy: 'pagination',
    handle: serverErrorOn('invalid_cursor'),
  },
  {
    name: 'gives the last page a next cursor all the same',
    caughtBy: 'pagination',
    handle: (core, request) => {
      const response = core.handle(request);
      const page = json(response);
      return request.method === 'GET' && LIST.test(request.url.split('?')[0]!) && response.status === 200 && page?.hasMore === false ? withJson(response, { ...page, nextCursor: 'end' }) : response;
    },
  },
];
