import { canonicalBlocks } from '../support/state.js';
import type { KindModel } from './model.js';

/** Whether a scoping body equals the model's blocks, order and empty column lists aside. */
export function sameScoping(body: unknown, model: Pick<KindModel, 'blockedTables' | 'blockedColumns'>): boolean {
  return canonicalBlocks(body) === canonicalBlocks(model);
}
