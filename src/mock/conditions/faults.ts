import type { SpecOperation } from '../../spec/operations.js';
import { declaredStatus } from './contract-answer.js';

/** What a simulated fault does: answer a declared error status, or close the connection without a word. */
export type Fault = { readonly status: number } | 'drop';

/**
 * The faults an operation can suffer without leaving its contract: each 5xx it declares (a `5XX` range or a
 * `default` counts as 500), 429 when it declares it, and a dropped connection, which no contract describes
 * because it is no answer at all. The packaged contract declares no 5xx, so there it is 429 or a drop.
 */
export function faultsOf(operation: SpecOperation): readonly Fault[] {
  const keys = Object.keys(operation.responses);
  const serverErrors = keys.filter((key) => /^5\d\d$/.test(key)).map(Number);
  if (serverErrors.length === 0 && declaredStatus(keys, 500) !== undefined) serverErrors.push(500);
  const faults: Fault[] = serverErrors.sort((a, b) => a - b).map((status) => ({ status }));
  if (declaredStatus(keys, 429) !== undefined) faults.push({ status: 429 });
  faults.push('drop');
  return faults;
}
