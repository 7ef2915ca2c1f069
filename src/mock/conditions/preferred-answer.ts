import type { SpecOperation } from '../../spec/operations.js';
import type { Problem } from '../problems.js';
import type { MockResponse } from '../types.js';
import { contractAnswer, declaredResponse, exampleNames } from './contract-answer.js';
import { invalidPreference, type Preferences } from './preferences.js';

/**
 * The answer `Prefer: code=…` and/or `example=…` ask for, from the contract alone (the handler is never run,
 * so nothing changes), or a 400 that names the preference and lists what the operation declares. An example
 * without a code is looked for in the success answer first, as Prism does, then in the other statuses in
 * order, so that `example=rateLimited` alone answers the 429.
 */
export function preferredAnswer(
  operation: SpecOperation,
  preferences: Preferences,
  accept: string | undefined,
  instance: string,
): MockResponse | Problem {
  const { code, example, fieldOf } = preferences;
  let status = code;
  if (code !== undefined && !declaredResponse(operation, code)) {
    const declared = Object.keys(operation.responses).join(', ');
    return invalidPreference(fieldOf('code'), `must be a status ${operation.operationId} declares: ${declared}`, `${operation.operationId} does not declare ${code}; it declares ${declared}.`);
  }
  if (example !== undefined) {
    status ??= statusWithExample(operation, example);
    const names = status === undefined ? [] : exampleNames(declaredResponse(operation, status)!);
    if (status === undefined || !names.includes(example)) {
      const known = code === undefined ? allExampleNames(operation) : names.length ? names.join(', ') : 'none';
      return invalidPreference(fieldOf('example'), `must name an example of ${operation.operationId}${code === undefined ? '' : ` for ${code}`}: ${known}`);
    }
  }
  const applied = [code === undefined ? '' : `code=${code}`, example === undefined ? '' : `example=${example}`].filter(Boolean).join(' ');
  const answer = contractAnswer({
    operation,
    status: status!,
    example,
    accept,
    instance,
    detail: `Prefer ${applied} asked for this answer; nothing was changed.`,
  });
  answer.simulated = `Prefer ${applied}`;
  return answer;
}

/** Declared statuses as numbers, successes first: a range such as `4XX` stands for its first status, `default` for 500. */
function statusesInOrder(operation: SpecOperation): number[] {
  const statuses = Object.keys(operation.responses).map((key) => (key === 'default' ? 500 : /^\dXX$/i.test(key) ? Number(key[0]) * 100 : Number(key)));
  const success = (status: number) => status >= 200 && status < 300;
  return statuses.filter(Number.isInteger).sort((a, b) => Number(success(b)) - Number(success(a)) || a - b);
}

function statusWithExample(operation: SpecOperation, example: string): number | undefined {
  return statusesInOrder(operation).find((status) => exampleNames(declaredResponse(operation, status)!).includes(example));
}

function allExampleNames(operation: SpecOperation): string {
  const listed = statusesInOrder(operation)
    .map((status) => [status, exampleNames(declaredResponse(operation, status)!)] as const)
    .filter(([, names]) => names.length)
    .map(([status, names]) => `${status} ${names.join(', ')}`);
  return listed.length ? listed.join('; ') : 'none';
}
