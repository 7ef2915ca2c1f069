import fc from 'fast-check';
import type { ConfiguredKey } from '../src/contract/config.js';
import type { Exchange } from '../src/contract/exchange.js';
import { EVERY_KIND, type SuiteContext } from '../src/contract/suite-context.js';
import type { Suite } from '../src/contract/suite.js';
import { pagesOf, type NextCursor } from './support/pages.js';
import { establish } from './support/preconditions.js';
import { credentialKinds, RESERVED_KINDS } from './support/providers.js';
import { credentialsFor } from './support/secrets.js';
import { ADMIN_SCOPES, RUN_NONCE } from './support/session.js';

/**
 * The paginated lists, the field that names an item, and what a walk needs. The connection list is walked
 * holding every kind's lane of the organization (no other run may connect or disconnect meanwhile), after
 * connecting every kind that takes credentials, so that it has items to page through.
 */
const LISTS = [
  { operationId: 'listIntegrationCatalog', itemKey: 'kind', needs: 'nothing' },
  { operationId: 'listIntegrations', itemKey: 'kind', needs: 'connections' },
  { operationId: 'listIntegrationActions', itemKey: 'slug', needs: 'kind' },
  { operationId: 'listIntegrationObjects', itemKey: 'name', needs: 'discovered' },
] as const;
type List = (typeof LISTS)[number];

interface Walk {
  readonly names: string[];
  /** What broke the page rules, if anything, and the exchange that shows it. */
  readonly broken?: { readonly message: string; readonly exchange?: Exchange };
}

/** Pages a walk follows at most: every list of this API is small, so more means a cursor that never ends. */
const MAX_PAGES = 60;

/** The next cursor of a page that says `hasMore: true` and gives one (any other page ends the walk, judged below). */
const nextOfPage: NextCursor = (body) => (body.hasMore === true && typeof body.nextCursor === 'string' ? body.nextCursor : undefined);

/** Walks a list `limit` at a time, following its cursors, and judges each page's own rules on the way. */
async function walk(context: SuiteContext, key: ConfiguredKey, list: List, kind: string, limit: number): Promise<Walk> {
  const names: string[] = [];
  for await (const { number, exchange, body } of pagesOf<Record<string, unknown>>(context, list.operationId, key, { kind }, limit, nextOfPage, MAX_PAGES)) {
    // An answer that is no page is the response checks' to judge: the walk stops there.
    if (!body) return { names };
    if (body.data.length > limit) return { names, broken: { message: `page ${number} at limit ${limit} holds ${body.data.length} items`, exchange } };
    names.push(...body.data.map((item) => String(item?.[list.itemKey])));
    if (body.hasMore !== true) {
      if (body.nextCursor !== null) return { names, broken: { message: `the last page (${number}, hasMore ${String(body.hasMore)}) at limit ${limit} has nextCursor ${JSON.stringify(body.nextCursor)}, not null`, exchange } };
      return { names };
    }
    if (typeof body.nextCursor !== 'string') return { names, broken: { message: `page ${number} at limit ${limit} says hasMore but gives no nextCursor`, exchange } };
  }
  return { names, broken: { message: `the walk at limit ${limit} did not end within ${MAX_PAGES} pages` } };
}

const repeatsOf = (names: readonly string[]) => [...new Set(names.filter((name, i) => names.indexOf(name) !== i))];

/**
 * "List responses use PaginatedResponse<T> with cursor pagination — pass the returned cursor to fetch the next
 * page": every list walked with its cursors at page sizes 1, a drawn 2–5 and 100 holds each item once, the
 * same items whatever the size, honours `limit`, and ends on a page with no next cursor; a cursor the API never
 * issued is the contract's 400 (with --documented-only, where that answer is inferred: never a 5xx).
 */
export const pagination: Suite = {
  id: 'pagination',
  skipReason: (context) => (listsOf(context).length ? (context.keyWith(ADMIN_SCOPES) ? undefined : 'needs a key with integrations:read, write and connect') : 'no paginated list is among the operations judged'),
  operations: (context) => listsOf(context).map((list) => list.operationId),
  property(context) {
    const keys = context.keysWith(ADMIN_SCOPES);
    const live = context.kinds.filter((kind) => !(RESERVED_KINDS as readonly string[]).includes(kind));
    const kindsFor = (list: List) => (list.needs === 'discovered' ? credentialKinds(context) : list.needs === 'kind' ? live : ['']);
    const laneOf = (list: List, kind: string) => (list.needs === 'discovered' ? kind : list.needs === 'connections' ? EVERY_KIND : '');
    const input = fc.constantFrom(...listsOf(context)).chain((list) =>
      fc.constantFrom(...kindsFor(list)).chain((kind) =>
        fc.record({
          list: fc.constant(list),
          kind: fc.constant(kind),
          size: fc.integer({ min: 2, max: 5 }),
          // The credentials of each kind the run connects: only for the connection list, every kind that takes them.
          credentials: fc.noShrink(fc.tuple(...(list.needs === 'connections' ? credentialKinds(context) : [kind].filter(Boolean)).map((each) => credentialsFor(each).map((c) => [each, c] as const)))),
        }),
      ),
    );
    return fc.asyncProperty(input, async ({ list, kind, size, credentials }) =>
      // The catalog and the actions change nothing: they take no lane.
      context.runAs(keys, laneOf(list, kind), async (key) => {
        const needs = list.needs === 'discovered' ? 'discovered' : list.needs === 'connections' ? 'connected' : 'nothing';
        await Promise.all(credentials.map(([each, given]) => establish(context, key, needs, each, given)));
        const fail = (message: string, exchange?: Exchange) => context.fail('pagination', 'semantic_mismatch', list.operationId, `${kind ? `${kind}: ` : ''}${message}`, exchange);
        const [one, some, all, stranger] = await Promise.all([
          walk(context, key, list, kind, 1),
          walk(context, key, list, kind, size),
          walk(context, key, list, kind, 100),
          context.call(list.operationId, { key, params: { kind }, query: { cursor: `flowyte_contract_never_issued_${RUN_NONCE}` } }),
        ]);
        for (const [limit, walked] of [[1, one], [size, some], [100, all]] as const) {
          if (walked.broken) fail(walked.broken.message, walked.broken.exchange);
          const repeated = repeatsOf(walked.names);
          if (repeated.length) fail(`walked ${limit} a page, the list holds ${repeated.join(', ')} more than once`);
        }
        const whole = new Set(all.names);
        for (const [limit, walked] of [[1, one], [size, some]] as const) {
          const missing = [...whole].filter((name) => !walked.names.includes(name));
          const extra = walked.names.filter((name) => !whole.has(name));
          if (missing.length || extra.length) fail(`walked ${limit} a page, the list ${missing.length ? `misses ${missing.join(', ')}` : ''}${missing.length && extra.length ? ' and ' : ''}${extra.length ? `has ${extra.join(', ')} besides` : ''}, against the walk 100 a page`);
        }
        const status = stranger.response.status;
        if (status >= 500 || (!context.documentedOnly && status !== 400)) {
          fail(`a cursor the API never issued was answered ${status}: ${context.documentedOnly ? 'never a 5xx' : 'the contract refuses it with 400 (invalid_cursor)'}`, stranger);
        }
      }),
    );
  },
};

function listsOf(context: SuiteContext): List[] {
  return LISTS.filter((list) => context.operations.some((operation) => operation.operationId === list.operationId));
}
