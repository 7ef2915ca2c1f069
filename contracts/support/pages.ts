import type { ConfiguredKey } from '../../src/contract/config.js';
import type { CallOptions, SuiteContext } from '../../src/contract/suite-context.js';

/** Pages a walk follows at most: every list of this API is small, so more means a cursor that never ends. */
const MAX_PAGES = 50;

/**
 * Every item of a paginated list, following `nextCursor` while `hasMore` ("pass the returned cursor to fetch
 * the next page"); undefined when a page cannot be read or the cursors never end.
 */
export async function walkPages<T>(
  context: SuiteContext,
  operationId: string,
  key: ConfiguredKey,
  params: CallOptions['params'],
  limit: number,
): Promise<T[] | undefined> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query: Record<string, string> = cursor ? { limit: String(limit), cursor } : { limit: String(limit) };
    const exchange = await context.call(operationId, { key, params, query });
    const body = exchange.response.json as { data?: T[]; nextCursor?: string | null; hasMore?: boolean } | undefined;
    if (exchange.response.status !== 200 || !Array.isArray(body?.data)) return undefined;
    items.push(...body.data);
    if (!body.hasMore || !body.nextCursor) return items;
    cursor = body.nextCursor;
  }
  return undefined;
}

/** The organization's whole connection list (however the target pages it), or undefined when unreadable. */
export function connectionList(context: SuiteContext, key: ConfiguredKey): Promise<Array<{ kind: string; status: string }> | undefined> {
  return walkPages(context, 'listIntegrations', key, undefined, 100);
}
