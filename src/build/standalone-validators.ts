import standaloneModule from 'ajv/dist/standalone/index.js';
import type { JsonSchema } from '../spec/openapi-types.js';
import type { SpecOperation } from '../spec/operations.js';
import { createAjv, type Ajv } from '../validation/create-ajv.js';
import { requestSchemasOf } from '../validation/request-schemas.js';

// ajv's standalone entry is CommonJS: under NodeNext its default export arrives wrapped once more.
const standaloneCode = (standaloneModule as unknown as { default: typeof standaloneModule.default }).default;

/** The names, in the generated modules, of one operation's validators (see CompiledRequestSchemas). */
export interface ValidatorNames {
  readonly path: string;
  readonly query: string;
  readonly body: string | undefined;
  readonly credentials: Readonly<Record<string, string>>;
}

/**
 * Every operation's request validators as ajv standalone code: one CommonJS module for the parameter
 * validators (which coerce strings and apply defaults) and one for the bodies, each exporting its
 * functions by name, and the table of those names per operationId. The same schemas as the run-time
 * compiler's (request-schemas.ts), with the same ajv options.
 */
export function standaloneValidators(operations: readonly SpecOperation[]): {
  parameters: string;
  bodies: string;
  names: Record<string, ValidatorNames>;
} {
  const parameters = new Exports(createAjv({ coerceTypes: true, standalone: true }), 'p');
  const bodies = new Exports(createAjv({ standalone: true }), 'b');
  const names: Record<string, ValidatorNames> = {};
  for (const operation of operations) {
    const schemas = requestSchemasOf(operation);
    names[operation.operationId] = {
      path: parameters.add(schemas.path),
      query: parameters.add(schemas.query),
      body: schemas.body ? bodies.add(schemas.body) : undefined,
      credentials: Object.fromEntries(Object.entries(schemas.credentials).map(([kind, schema]) => [kind, bodies.add(schema)])),
    };
  }
  return { parameters: parameters.code(), bodies: bodies.code(), names };
}

/** The schemas one ajv compiles, each exported once under a name of its own (a shared schema object once). */
class Exports {
  private readonly names = new Map<JsonSchema, string>();

  constructor(
    private readonly ajv: Ajv,
    private readonly prefix: string,
  ) {}

  add(schema: JsonSchema): string {
    let name = this.names.get(schema);
    if (name === undefined) {
      name = `${this.prefix}${this.names.size}`;
      this.ajv.addSchema(schema, name);
      this.names.set(schema, name);
    }
    return name;
  }

  code(): string {
    return standaloneCode(this.ajv, Object.fromEntries([...this.names.values()].map((name) => [name, name])));
  }
}
