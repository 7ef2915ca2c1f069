import { integrationKinds, type Contract } from './contract.js';
import type { TestConfig } from './config.js';
import type { FindingGroup, ReportFailure } from './report.js';

/**
 * The names a run uses that vary with the request rather than with the bug (which operation, kind, key,
 * organization or scope a request happened to use), by the placeholder that replaces them in a symptom.
 */
export type RunVocabulary = Readonly<Partial<Record<'operation' | 'kind' | 'key' | 'org' | 'agent' | 'scope', readonly string[]>>>;

/** The vocabulary of a run: the contract's operations, kinds and scopes; the config's keys, organizations, agents and scopes. */
export function runVocabulary(contract: Contract, config: TestConfig): RunVocabulary {
  return {
    operation: contract.operations.map((operation) => operation.operationId),
    kind: integrationKinds(contract),
    key: config.keys.map((key) => key.name),
    org: config.keys.map((key) => key.org),
    agent: Object.values(config.agents),
    scope: [...contract.operations.flatMap((operation) => operation.scopes), ...config.keys.flatMap((key) => key.scopes)],
  };
}

/**
 * What varies from one request to the next in the checks' messages, masked in this order:
 * - quoted strings (`content type "text/html"`, a host, a cursor): `"…"`, before anything inside them is read;
 * - JSON values (`scoping read {"blockedTables":["t"]}`, `listed as ["connected"]`), innermost first: `{…}`, `[…]`;
 *   a `[` right after a word is an index (`inputs[0]`) or `errors[]`, left to the number mask;
 * - a trail of stateful steps (`connect(shopify) → discover(shopify)`), the run's own sequence: `<steps>`;
 * - a request line in a transport fault (`GET /integrations/shopify: timeout`): `<request>`;
 * - the declared list of a status or content-type check, which is the operation's own: `(declared: …)`;
 * - the run's vocabulary: `<operation>`, `<kind>`, `<key>`, `<org>`, `<agent>`, `<scope>`;
 * - ids and run-made names, a letter then letters and digits joined by `_` or `-` (`skl_3fa9b2c1`,
 *   `positive_k3x9_12`), and UUIDs: `<id>`, while `oauth2` and `1048576-byte` stay for the next mask;
 * - numbers (statuses, counts, sizes, limits, indexes): `<n>`, while `4xx` and `v1` stay;
 * - then a list of one placeholder (`<scope>, <scope>`, `<n>, <n>`) becomes one, so that list lengths do not split.
 */
const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;
const JSON_CONTAINER = /(?<![\w\]])(?:\{[^{}[\]]*\}|\[[^{}[\]]*\])/g;
// What a masked container stands for while the one around it is read: no bracket, so that it reads as content.
const MASKED_OBJECT = '\u0001';
const MASKED_ARRAY = '\u0002';
const STEP_TRAIL = /\b[A-Za-z]\w*\([^()]*\)(?: → [A-Za-z]\w*\([^()]*\))*/g;
const REQUEST_LINE = /\b(?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) \/[^\s:?]*(?:\?\S*)?/g;
const DECLARED_LIST = /\(declared: [^)]*\)/g;
// Two digits at least: `address_line1` and `phone_2` are field names, `skl_3fa9b2c1` an id.
const ID = /\b(?:(?=[\w-]*\d[\w-]*\d)(?=[\w-]*[_-])[A-Za-z][\w-]{5,}|[\da-f]{8}(?:-[\da-f]{4}){3}-[\da-f]{12})\b/gi;
const NUMBER = /\b\d+(?:\.\d+)?\b/g;
const REPEATED_PLACEHOLDER = /(<[a-z]+>)(?:, \1)+/g;

/** Names shorter than this stay: an organization labelled `a` would otherwise mask the article. */
const SHORTEST_NAME = 3;

/**
 * The symptom of an occurrence: its message with the parts that vary per request masked (see above), so that
 * one cause met on many operations, statuses and kinds reads the same, while different checks, kinds or
 * clearly different messages stay apart (the check and kind are part of the grouping key, not of this text).
 */
export function symptomOf(failure: Pick<ReportFailure, 'message'>, vocabulary: RunVocabulary = {}): string {
  let text = failure.message.replace(JSON_STRING, '"…"');
  for (let before = ''; before !== text; ) {
    before = text;
    text = text.replace(JSON_CONTAINER, (container) => (container.startsWith('{') ? MASKED_OBJECT : MASKED_ARRAY));
  }
  text = text.replaceAll(MASKED_OBJECT, '{…}').replaceAll(MASKED_ARRAY, '[…]');
  text = text.replace(STEP_TRAIL, '<steps>').replace(REQUEST_LINE, '<request>').replace(DECLARED_LIST, '(declared: …)');
  const names = namesPattern(vocabulary);
  if (names) text = text.replace(names.pattern, (name) => `<${names.roles.get(name)}>`);
  return text.replace(ID, '<id>').replace(NUMBER, '<n>').replace(REPEATED_PLACEHOLDER, '$1');
}

/**
 * The occurrences grouped by check, kind and symptom: one finding per cause, in the order of its first
 * occurrence, with the operations it occurs on and every occurrence's id (each one replayable on its own).
 */
export function groupFailures(failures: readonly ReportFailure[], vocabulary: RunVocabulary = {}): FindingGroup[] {
  const groups = new Map<string, { first: ReportFailure; symptom: string; operations: Set<string>; occurrences: string[] }>();
  for (const failure of failures) {
    const symptom = symptomOf(failure, vocabulary);
    // The answer's class stays apart: "expected 403, got 200" (a check missing) and "got 500" (a crash) are two causes.
    const statusClass = failure.response ? `${Math.floor(failure.response.status / 100)}xx` : (failure.fault ?? '');
    const key = `${failure.check}|${failure.kind}|${statusClass}|${symptom}`;
    const group = groups.get(key) ?? { first: failure, symptom, operations: new Set<string>(), occurrences: [] };
    groups.set(key, group);
    group.operations.add(failure.operationId);
    group.occurrences.push(failure.id);
  }
  return [...groups.values()].map(({ first, symptom, operations, occurrences }, index) => ({
    id: `D${index + 1}`,
    check: first.check,
    kind: first.kind,
    title: first.title,
    symptom,
    message: first.message,
    operations: [...operations],
    occurrences,
    count: occurrences.length,
  }));
}

/** One pattern for every name of the vocabulary, longest first (so `acme_admin` is a key before `acme` an org). */
function namesPattern(vocabulary: RunVocabulary): NamesPattern | undefined {
  // Built once per vocabulary: a report groups every occurrence of a run with the same one.
  if (!patterns.has(vocabulary)) patterns.set(vocabulary, buildNamesPattern(vocabulary));
  return patterns.get(vocabulary);
}

interface NamesPattern {
  readonly pattern: RegExp;
  readonly roles: ReadonlyMap<string, string>;
}

const patterns = new WeakMap<RunVocabulary, NamesPattern | undefined>();

function buildNamesPattern(vocabulary: RunVocabulary): NamesPattern | undefined {
  const roles = new Map<string, string>();
  for (const [role, names] of Object.entries(vocabulary)) {
    for (const name of names ?? []) if (name.length >= SHORTEST_NAME && !roles.has(name)) roles.set(name, role);
  }
  if (!roles.size) return undefined;
  const alternatives = [...roles.keys()].sort((a, b) => b.length - a.length).map((name) => name.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'));
  // A name is whole: `shopify` is not masked inside `shopify_orders`, nor `integrations:read` inside `integrations:readwrite`.
  return { pattern: new RegExp(`(?<![\\w-]|\\w:)(?:${alternatives.join('|')})(?![\\w-]|:\\w)`, 'g'), roles };
}
