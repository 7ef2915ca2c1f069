import type { JsonSchema, ParameterObject } from '../spec/openapi-types.js';
import type { SpecOperation } from '../spec/operations.js';

/**
 * The JSON Schemas the mock validates one operation's request against. Built here, without ajv, so that the
 * run-time compiler (`--spec FILE`) and the build-time one (the packaged contract) compile the same schemas.
 */
export interface RequestSchemas {
  /** Path parameters as one object (coerced from strings). */
  readonly path: JsonSchema;
  /** Query parameters as one object (coerced from strings, defaults applied). */
  readonly query: JsonSchema;
  /** The `application/json` body schema, when the operation takes one. */
  readonly body: JsonSchema | undefined;
  /** Per `kind` (`x-credentials-schema`): the body with that kind's credentials in place of the union. */
  readonly credentials: Readonly<Record<string, JsonSchema>>;
}

export function requestSchemasOf(operation: SpecOperation): RequestSchemas {
  const body = operation.requestBody?.content?.['application/json']?.schema;
  return {
    path: parameterGroupSchema(operation.parameters, 'path'),
    query: parameterGroupSchema(operation.parameters, 'query'),
    body,
    credentials: credentialSchemas(operation, body),
  };
}

/**
 * `x-credentials-schema` maps a `kind` to the schema its `credentials` must meet (connect's seed schema only
 * says "an object of strings"). Each kind gets one schema of the body and its credentials together, so a
 * request is validated once.
 */
function credentialSchemas(operation: SpecOperation, bodySchema: JsonSchema | undefined): Record<string, JsonSchema> {
  const schemas = (operation.source['x-credentials-schema'] ?? {}) as Record<string, JsonSchema>;
  return Object.fromEntries(
    Object.entries(schemas).map(([kind, credentials]) => [
      kind,
      // The kind's credentials replace the body's (a union of every kind's shape), so that errors name only this kind's fields.
      {
        ...bodySchema,
        type: 'object',
        required: [...new Set([...((bodySchema?.required as string[] | undefined) ?? []), 'credentials'])],
        properties: { ...((bodySchema?.properties as Record<string, JsonSchema> | undefined) ?? {}), credentials },
      },
    ]),
  );
}

function parameterGroupSchema(parameters: readonly ParameterObject[], place: ParameterObject['in']): JsonSchema {
  const group = parameters.filter((parameter) => parameter.in === place);
  return {
    type: 'object',
    properties: Object.fromEntries(group.map((parameter) => [parameter.name, parameter.schema ?? {}])),
    required: group.filter((parameter) => parameter.required).map((parameter) => parameter.name),
  };
}
