import type { JsonSchema } from '../spec/openapi-types.js';
import type { SpecOperation } from '../spec/operations.js';
import { REDACTED_VALUE } from './har.js';

/**
 * A value of each credential field the contract names that a conformant server accepts: a public host name (not
 * `*.invalid`, which the mock cannot resolve), a user that is no administrator, a password other than the mock's
 * `wrong-password`. Fixed, so that two replays of one recording send the same requests.
 */
const FILLERS: Readonly<Record<string, string>> = {
  apiKey: 'replay_api_key_8f3a2c7157d4',
  host: 'replay-db.example.com',
  port: '5432',
  database: 'replay_db',
  user: 'replay_reader',
  password: 'replay-password-5e81c9',
  sslmode: 'verify-full',
};

/** Optional fields whose value no filler can stand in for (a CA bundle must be real certificates): left out. */
const DROPPED = new Set(['ca_pem']);

/**
 * The schema an operation's `credentials` must meet for this kind: the kind's entry of `x-credentials-schema`
 * (connect), else the body's own `credentials` property (SQL test).
 */
export function credentialsSchemaOf(operation: SpecOperation, params: Readonly<Record<string, string>>): JsonSchema | undefined {
  const byKind = operation.source['x-credentials-schema'] as Record<string, JsonSchema> | undefined;
  const kind = params.kind;
  if (byKind && kind !== undefined && byKind[kind]) return byKind[kind];
  const body = operation.requestBody?.content?.['application/json']?.schema;
  return (body?.properties as Record<string, JsonSchema> | undefined)?.credentials;
}

/**
 * The body with every credential value a recording redacted (`REDACTED_VALUE`) replaced by a valid one, so that
 * the replayed request is accepted where the recorded one was; `filled` names the fields (never a value).
 */
export function fillRedactedCredentials(body: unknown, schema: JsonSchema | undefined): { body: unknown; filled: string[] } {
  const credentials = (body as { credentials?: unknown } | null | undefined)?.credentials;
  if (typeof credentials !== 'object' || credentials === null || Array.isArray(credentials)) return { body, filled: [] };
  const properties = (schema?.properties ?? {}) as Record<string, JsonSchema>;
  const filled: string[] = [];
  const replaced: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(credentials)) {
    if (value !== REDACTED_VALUE) {
      replaced[field] = value;
      continue;
    }
    filled.push(field);
    if (!DROPPED.has(field)) replaced[field] = fillerFor(field, properties[field] ?? additionalSchema(schema));
  }
  return { body: { ...(body as object), credentials: replaced }, filled };
}

function fillerFor(field: string, schema: JsonSchema | undefined): string {
  const known = FILLERS[field];
  if (known !== undefined) return known;
  const choices = schema?.enum;
  if (Array.isArray(choices) && typeof choices[0] === 'string') return choices[0];
  // Another field of an api_key provider ("other keys are allowed and kept as secrets"): any string within bounds.
  const minLength = typeof schema?.minLength === 'number' ? schema.minLength : 1;
  const maxLength = typeof schema?.maxLength === 'number' ? schema.maxLength : Infinity;
  return `replay_${field.replace(/\W/g, '_')}_value`.padEnd(minLength, 'x').slice(0, maxLength);
}

function additionalSchema(schema: JsonSchema | undefined): JsonSchema | undefined {
  const additional = schema?.additionalProperties;
  return typeof additional === 'object' && additional !== null ? (additional as JsonSchema) : undefined;
}
