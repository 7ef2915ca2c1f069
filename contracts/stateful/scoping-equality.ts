import type { KindModel } from './model.js';

/** Whether a scoping body equals the model's blocks, order and empty column lists aside. */
export function sameScoping(body: any, model: Pick<KindModel, 'blockedTables' | 'blockedColumns'>): boolean {
  if (!body || !Array.isArray(body.blockedTables) || typeof body.blockedColumns !== 'object') return false;
  const tables = (list: string[]) => JSON.stringify([...new Set(list)].sort());
  const columns = (map: Record<string, string[]>) =>
    JSON.stringify(Object.entries(map).filter(([, c]) => c.length).map(([t, c]) => [t, [...new Set(c)].sort()]).sort());
  return tables(body.blockedTables) === tables(model.blockedTables) && columns(body.blockedColumns) === columns(model.blockedColumns);
}
