import { integrationKinds, type Contract } from '../contract/contract.js';

/**
 * The words the contract itself defines: integration kinds, the literal segments of its paths, the strings of its
 * enums. A credential value that is one of them (`postgres`, the default user of a PostgreSQL server) tells nothing
 * where a report shows it in a path or a message, and masking it there would garble every report of that kind: a
 * report masks credential values wherever they appear, but these.
 */
export function contractVocabulary(contract: Contract): Set<string> {
  const words = new Set<string>(integrationKinds(contract));
  for (const operation of contract.operations) for (const segment of operation.pathTemplate.split('/')) if (segment && !segment.startsWith('{')) words.add(segment);
  collectEnums(contract.document, words, new Set());
  return words;
}

function collectEnums(node: unknown, into: Set<string>, seen: Set<object>): void {
  if (typeof node !== 'object' || node === null || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const item of node) collectEnums(item, into, seen);
    return;
  }
  const { enum: values } = node as { enum?: unknown };
  if (Array.isArray(values)) for (const value of values) if (typeof value === 'string') into.add(value);
  for (const value of Object.values(node)) collectEnums(value, into, seen);
}
