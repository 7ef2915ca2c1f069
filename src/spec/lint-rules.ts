import type { JsonSchema, MediaTypeObject, OpenApiDocument, ResponseObject } from './openapi-types.js';
import { bareMediaType } from './media-type.js';
import { listOperations, type SpecOperation } from './operations.js';
import { EXAMPLE_RULES } from './example-rules.js';
import { finding, isErrorStatus, isSuccessStatus, locate, responsesWhere } from './lint-findings.js';
import { isObject } from '../is-object.js';
import { SchemaValidator } from './schema-validator.js';

export { SchemaValidator };

/** The identifiers of the Flowyte contract rules, as printed by `flowyte-contract lint`. */
export type LintRuleId =
  | 'operation-id'
  | 'single-scope'
  | 'problem-json-errors'
  | 'envelope-success-body'
  | 'examples-valid'
  | 'success-example';

/** One breach of a contract rule, e.g. at `GET /integrations/{kind}/connect responses.404`. */
export interface LintFinding {
  readonly rule: LintRuleId;
  readonly location: string;
  readonly message: string;
}

/** What a rule may read besides the operation it checks: the whole document, for rules across operations. */
export interface LintContext {
  readonly document: OpenApiDocument;
  readonly operations: readonly SpecOperation[];
  /** Validates a value against a schema of the document, compiling each schema once per lint run. */
  readonly schemas: SchemaValidator;
}

/** A contract rule over one operation of a dereferenced document. */
export interface LintRule {
  readonly id: LintRuleId;
  readonly title: string;
  check(operation: SpecOperation, context: LintContext): LintFinding[];
}

/** Every contract rule, in the order their findings are reported for an operation. */
export const LINT_RULES: readonly LintRule[] = [
  {
    id: 'operation-id',
    title: 'every operation has an operationId, unique across the document',
    check(operation, { operations }) {
      const id = operation.source.operationId;
      if (typeof id !== 'string' || id.trim() === '') return [finding('operation-id', operation, 'has no operationId')];
      const first = operations.find((other) => other.source.operationId === id);
      if (first === undefined || first === operation) return [];
      return [finding('operation-id', operation, `operationId "${id}" is already used by ${locate(first)}`)];
    },
  },
  {
    id: 'single-scope',
    title: 'every operation requires exactly one scope, in one security requirement',
    check(operation, { document }) {
      // `listOperations` flattens the scopes; the rule also needs the requirement objects themselves.
      const security = operation.source.security ?? document.security ?? [];
      if (security.length === 0) return [finding('single-scope', operation, 'has no security requirement')];
      if (security.length > 1) {
        const message = `has ${security.length} alternative security requirements, expected one`;
        return [finding('single-scope', operation, message)];
      }
      const scopes = Object.values(security[0] ?? {}).flat();
      if (scopes.length === 1) return [];
      const listed = scopes.length === 0 ? 'no scope' : `${scopes.length} scopes (${scopes.join(', ')})`;
      return [finding('single-scope', operation, `requires ${listed}, expected exactly one`)];
    },
  },
  {
    id: 'problem-json-errors',
    title: 'every 4xx, 5xx and default response offers application/problem+json',
    check(operation) {
      return responsesWhere(operation, isErrorStatus)
        .filter(([, response]) => mediaType(response, 'application/problem+json') === undefined)
        .map(([status, response]) =>
          finding('problem-json-errors', operation, `has no application/problem+json content (${offers(response)})`, status),
        );
    },
  },
  {
    id: 'envelope-success-body',
    title: 'every 2xx application/json body is the ApiResponse envelope (success, data)',
    check(operation) {
      return responsesWhere(operation, isSuccessStatus).flatMap(([status, response]) => {
        const media = mediaType(response, 'application/json');
        if (media === undefined) return [];
        const missing = missingEnvelopeParts(media.schema);
        if (missing.length === 0) return [];
        const message = `application/json body is not the ApiResponse envelope (missing ${missing.join(', ')})`;
        return [finding('envelope-success-body', operation, message, status)];
      });
    },
  },
  ...EXAMPLE_RULES,
];

/** Applies every contract rule to every operation of a dereferenced document; no finding means conformant. */
export function lintSpec(document: OpenApiDocument): LintFinding[] {
  const operations = listOperations(document);
  const context: LintContext = { document, operations, schemas: new SchemaValidator() };
  return operations.flatMap((operation) => LINT_RULES.flatMap((rule) => rule.check(operation, context)));
}

function mediaType(response: ResponseObject, type: string): MediaTypeObject | undefined {
  const entry = Object.entries(response.content ?? {}).find(([key]) => bareMediaType(key) === type);
  return entry?.[1];
}

function offers(response: ResponseObject): string {
  const types = Object.keys(response.content ?? {});
  return types.length === 0 ? 'no content' : `offers ${types.join(', ')}`;
}

function missingEnvelopeParts(schema: JsonSchema | undefined): string[] {
  if (schema === undefined) return ['a schema'];
  const { properties, required } = mergeAllOf(schema, new Set());
  return [
    ...['success', 'data'].filter((name) => !properties.has(name)).map((name) => `properties.${name}`),
    ...(required.has('success') ? [] : ['required.success']),
  ];
}

// `seen` guards against the cycles a dereferenced document may contain.
function mergeAllOf(schema: JsonSchema, seen: Set<JsonSchema>): { properties: Set<string>; required: Set<string> } {
  const merged = { properties: new Set<string>(), required: new Set<string>() };
  if (seen.has(schema)) return merged;
  seen.add(schema);
  if (isObject(schema.properties)) Object.keys(schema.properties).forEach((name) => merged.properties.add(name));
  if (Array.isArray(schema.required)) schema.required.forEach((name) => merged.required.add(String(name)));
  for (const branch of Array.isArray(schema.allOf) ? schema.allOf : []) {
    if (!isObject(branch)) continue;
    const inner = mergeAllOf(branch, seen);
    inner.properties.forEach((name) => merged.properties.add(name));
    inner.required.forEach((name) => merged.required.add(name));
  }
  return merged;
}
