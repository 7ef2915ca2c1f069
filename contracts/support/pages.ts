import type { ConfiguredKey } from '../../src/contract/config.js';
import type { Exchange } from '../../src/contract/exchange.js';
import type { CallOptions, SuiteContext } from '../../src/contract/suite-context.js';

/** Pages a walk follows at most: every list of this API is small, so more means a cursor that never ends. */
const MAX_PAGES = 50;

/** One page of a list as the target answered it: its number from 1, the exchange, and its body when it is a page. */
export interface Page<T> {
  readonly number: number;
  readonly exchange: Exchange;
  readonly body?: { readonly data: T[]; readonly nextCursor?: unknown; readonly hasMore?: unknown };
}

/** How a walk goes on from a page: the cursor to pass next, or undefined where it ends. */
export type NextCursor = (body: NonNullable<Page<unknown>['body']>) => string | undefined;

/** The next cursor while `hasMore` and `nextCursor` say there is one. */
const followWhileMore: NextCursor = (body) => (body.hasMore && body.nextCursor ? String(body.nextCursor) : undefined);

/**
 * The pages of a list `limit` at a time, following the cursors `next` reads off each page ("pass the returned
 * cursor to fetch the next page"); it stops after an answer that is no page, where `next` gives no cursor, or
 * after `maxPages`.
 */
export async function* pagesOf<T>(
  context: SuiteContext,
  operationId: string,
  key: ConfiguredKey,
  params: CallOptions['params'],
  limit: number,
  next: NextCursor = followWhileMore,
  maxPages = MAX_PAGES,
): AsyncGenerator<Page<T>> {
  let cursor: string | undefined;
  for (let number = 1; number <= maxPages; number++) {
    const query: Record<string, string> = cursor ? { limit: String(limit), cursor } : { limit: String(limit) };
    const exchange = await context.call(operationId, { key, params, query });
    const body = exchange.response.json as Page<T>['body'];
    const page = exchange.response.status === 200 && Array.isArray(body?.data) ? body : undefined;
    yield { number, exchange, ...(page ? { body: page } : {}) };
    cursor = page && next(page);
    if (cursor === undefined) return;
  }
}

/** Every item of a paginated list; undefined when a page cannot be read or the cursors never end. */
export async function walkPages<T>(
  context: SuiteContext,
  operationId: string,
  key: ConfiguredKey,
  params: CallOptions['params'],
  limit: number,
): Promise<T[] | undefined> {
  const items: T[] = [];
  for await (const page of pagesOf<T>(context, operationId, key, params, limit)) {
    if (!page.body) return undefined;
    items.push(...page.body.data);
    if (followWhileMore(page.body) === undefined) return items;
  }
  return undefined;
}

/** The organization's whole connection list (however the target pages it), or undefined when unreadable. */
export function connectionList(context: SuiteContext, key: ConfiguredKey): Promise<Array<{ kind: string; status: string }> | undefined> {
  return walkPages(context, 'listIntegrations', key, undefined, 100);
}
