import type { BindingRequest } from './binding-validation.js';
import type { DiscoveredSchema, SchemaObject, SchemaOperation, SchemaOperationArgument } from './discovered-schema.js';
import { snakeCase, wordsOf } from './goal-words.js';

/** How many fields an auto-bound read returns, the ones the goal names first. */
const PROJECTED = 4;

interface Candidate {
  readonly operation: SchemaOperation;
  readonly object: SchemaObject;
  readonly score: number;
}

const overlap = (goal: ReadonlySet<string>, name: string) => wordsOf(name).filter((word) => goal.has(word)).length;

/**
 * How well a read operation fits the goal's words: a word naming its object counts most, then one naming an
 * argument, then any other field, then the operation's own name. A goal must name something of the object
 * (its name or a field): an operation's verb alone ("find", "search") matches nothing.
 */
function scoreOf(goal: ReadonlySet<string>, operation: SchemaOperation, object: SchemaObject): number {
  const objectWords = new Set([...wordsOf(object.name), ...wordsOf(object.label)]);
  const argumentWords = new Set(operation.arguments.flatMap((arg) => [...wordsOf(arg.name), ...wordsOf(arg.field)]));
  const fieldWords = new Set(object.fields.flatMap((field) => wordsOf(field.name)));
  const operationWords = new Set(wordsOf(operation.name));
  let score = 0;
  let named = false;
  for (const word of goal) {
    const weight = objectWords.has(word) ? 4 : argumentWords.has(word) ? 3 : fieldWords.has(word) ? 2 : 0;
    if (weight) named = true;
    score += weight || (operationWords.has(word) ? 1 : 0);
  }
  return named ? score : 0;
}

/** Best first; ties go to the operation with fewer required arguments, then by name: the same goal, the same binding. */
function rank(a: Candidate, b: Candidate): number {
  const required = (candidate: Candidate) => candidate.operation.arguments.filter((arg) => arg.required).length;
  return b.score - a.score || required(a) - required(b) || (a.operation.name < b.operation.name ? -1 : a.operation.name > b.operation.name ? 1 : 0);
}

/** The argument the goal names most (the first of equals), if it names any. */
function mostNamed(goal: ReadonlySet<string>, args: readonly SchemaOperationArgument[]): SchemaOperationArgument | undefined {
  let best: SchemaOperationArgument | undefined;
  let bestOverlap = 0;
  for (const arg of args) {
    const named = overlap(goal, arg.name) + overlap(goal, arg.field);
    if (named > bestOverlap) [best, bestOverlap] = [arg, named];
  }
  return best;
}

/**
 * A SQL read's one filter (on an indexed column: `sqlSearch`), or another provider's inputs: every required
 * argument, plus those the goal names, or else the first argument. Undefined when the read cannot be bound.
 */
function filtersOf(goal: ReadonlySet<string>, candidate: Candidate, sql: boolean): Pick<BindingRequest, 'inputs' | 'sqlSearch'> | undefined {
  const { operation, object } = candidate;
  const required = operation.arguments.filter((arg) => arg.required);
  if (sql) {
    const indexed = operation.arguments.filter((arg) => object.fields.some((field) => field.name === arg.field && field.indexed));
    const key = indexed.find((arg) => object.fields.some((field) => field.name === arg.field && field.primaryKey));
    const chosen = required.length > 1 ? undefined : (required[0] ?? mostNamed(goal, indexed) ?? key ?? indexed[0]);
    return chosen ? { sqlSearch: { column: chosen.field, param: chosen.field } } : undefined;
  }
  const named = operation.arguments.filter((arg) => !arg.required && overlap(goal, arg.name) + overlap(goal, arg.field) > 0);
  const bound = required.length || named.length ? [...required, ...named] : operation.arguments.slice(0, 1);
  return { inputs: bound.map((arg) => ({ param: snakeCase(arg.name), argument: arg.name })) };
}

/** The fields returned: those the goal names, then the object's other fields that hold no personal data. */
function projectionOf(goal: ReadonlySet<string>, object: SchemaObject): NonNullable<BindingRequest['projection']> {
  const named = object.fields.filter((field) => overlap(goal, field.name) > 0);
  const plain = object.fields.filter((field) => !field.primaryKey && !field.piiClass && !named.includes(field));
  return [...named, ...plain].slice(0, PROJECTED).map((field) => ({ path: [field.name], leaf: field.name }));
}

/**
 * The read bindings a plain-language goal asks for, best first, over the schema as data scoping leaves it
 * (so no candidate uses a blocked table or column). Deterministic: the same goal and schema give the same
 * bindings in the same order. Empty when nothing in the schema matches the goal's words.
 */
export function* bindingsForGoal(schema: DiscoveredSchema, goal: string, sql: boolean, toolName?: string): Generator<BindingRequest> {
  const words = new Set(wordsOf(goal));
  const candidates = schema.operations
    .filter((operation) => operation.type === 'read')
    .flatMap((operation): Candidate[] => {
      const object = schema.objects.find((table) => table.name === operation.object);
      const score = object ? scoreOf(words, operation, object) : 0;
      return object && score ? [{ operation, object, score }] : [];
    })
    .sort(rank);
  for (const candidate of candidates) {
    const filters = filtersOf(words, candidate, sql);
    if (!filters) continue;
    yield {
      toolName: toolName ?? snakeCase(candidate.operation.name).slice(0, 128),
      operation: candidate.operation.name,
      description: goal.trim(),
      isWrite: false,
      enabled: false,
      ...filters,
      projection: projectionOf(words, candidate.object),
    };
  }
}
