import type { MockCore } from '../../../src/mock/core.js';
import type { MockRequest, MockResponse } from '../../../src/mock/types.js';
import { json, parse, pathOf, problem, withBody, type BrokenVariant } from './helpers.js';

/** The kind and body of a bindings request, or undefined for any other request. */
export function bindingOf(request: MockRequest): { kind: string; body: any } | undefined {
  const match = /^\/api\/v1\/agents\/[^/]+\/integrations\/([^/]+)\/bindings$/.exec(pathOf(request));
  const body = match && request.method === 'POST' ? parse(request) : undefined;
  return match && body && typeof body === 'object' ? { kind: match[1]!, body } : undefined;
}

/** A request of the same caller to another route of the core. */
function sameCaller(core: MockCore, request: MockRequest, method: string, url: string, body?: unknown): MockResponse {
  const headers = { authorization: request.headers.authorization, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
  return core.handle({ method, url, headers, body: body === undefined ? undefined : Buffer.from(JSON.stringify(body)) });
}

type ScopingPart = 'blockedTables' | 'blockedColumns';

/** `run`'s result with the scoping's `parts` lifted while it runs. */
function unscoped<T>(core: MockCore, request: MockRequest, kind: string, parts: readonly ScopingPart[], run: () => T): T {
  const url = `/api/v1/integrations/${kind}/scoping`;
  const scoping = json(sameCaller(core, request, 'GET', url))?.data;
  const lifted = parts.filter((part) => Object.keys(scoping?.[part] ?? {}).length > 0);
  if (!lifted.length) return run();
  // The core is synchronous: nothing else runs between lifting the blocks and putting them back.
  sameCaller(core, request, 'PATCH', url, Object.fromEntries(lifted.map((part) => [part, Array.isArray(scoping[part]) ? [] : {}])));
  try {
    return run();
  } finally {
    sameCaller(core, request, 'PATCH', url, Object.fromEntries(lifted.map((part) => [part, scoping[part]])));
  }
}

/**
 * The bound operation's object in the schema as discovered, with its operation. Scoping is lifted to read it:
 * the schema the caller sees hides what scoping blocks, and a blocked name is not an unknown one.
 */
function boundObject(core: MockCore, request: MockRequest, kind: string, operationName: unknown): { operation?: any; object?: any; schema?: any } {
  const schema = unscoped(core, request, kind, ['blockedTables', 'blockedColumns'], () => json(sameCaller(core, request, 'GET', `/api/v1/integrations/${kind}/schema`))?.data);
  const operation = schema?.operations?.find((op: any) => op.name === operationName);
  return { schema, operation, object: schema?.objects?.find((o: any) => o.name === operation?.object) };
}

/** The core's answer to the binding with `change` applied to its body first: what a server that ignores that part accepts. */
function bindingWith(core: MockCore, request: MockRequest, change: (body: any, kind: string) => any): MockResponse {
  const binding = bindingOf(request);
  return core.handle(binding ? withBody(request, change(binding.body, binding.kind)) : request);
}

/**
 * The core's answer to the binding with its projection entries that `broken` picks out left out: what a server
 * that skips them accepts. `object` is the bound operation's object, `schema` the schema the caller sees.
 */
function projectionWithout(core: MockCore, request: MockRequest, broken: (path: string[], object: any, schema: any) => boolean): MockResponse {
  return bindingWith(core, request, (body, kind) => {
    if (!Array.isArray(body.projection)) return body;
    const { schema, object } = boundObject(core, request, kind, body.operation);
    if (!object) return body;
    return { ...body, projection: body.projection.filter((p: any) => !Array.isArray(p?.path) || !broken(p.path, object, schema)) };
  });
}

const relationshipOf = (object: any, field: string): any => (object.relationships ?? []).find((r: any) => r.field === field);
const hasField = (object: any, field: string) => object.fields.some((f: any) => f.name === field);

/**
 * The binding's `body` with the operation replaced by the first read of the caller's schema that the core
 * accepts the rest of the body with, and the core's answer to it (a refusal stores nothing, so the reads
 * refused on the way leave no trace); the core's answer to `body` as sent when none is accepted.
 */
export function boundToFirstRead(core: MockCore, request: MockRequest, kind: string, body: any): MockResponse {
  const schema = json(sameCaller(core, request, 'GET', `/api/v1/integrations/${kind}/schema`))?.data;
  for (const read of (schema?.operations ?? []).filter((op: any) => op.type === 'read')) {
    const response = core.handle(withBody(request, { ...body, operation: read.name }));
    if (response.status >= 200 && response.status <= 299) return response;
  }
  return core.handle(withBody(request, body));
}

/** The core's answer to the binding with the scoping's `part` lifted while it binds: a server that checks the rest only. */
function withScopingLifted(core: MockCore, request: MockRequest, part: ScopingPart): MockResponse {
  const binding = bindingOf(request);
  return binding ? unscoped(core, request, binding.kind, [part], () => core.handle(request)) : core.handle(request);
}

const refusal = (field: string, message: string): MockResponse =>
  problem(422, 'Binding invalid', { detail: `${field}: ${message}`, code: 'binding_invalid', errors: [{ field, message }] });

/** Servers that bind what the contract says must be refused, or refuse bindings it says must be accepted. */
export const BINDING_REFUSAL_VARIANTS: readonly BrokenVariant[] = [
  {
    name: 'binds a personal-data column in a write (drops it from the mapping and accepts the rest)',
    caughtBy: 'binding_refusals',
    handle: (core, request) =>
      bindingWith(core, request, (body, kind) => {
        if (!Array.isArray(body.inputObjectMap)) return body;
        const { object } = boundObject(core, request, kind, body.operation);
        const personal = new Set((object?.fields ?? []).filter((f: any) => f.piiClass).map((f: any) => f.name));
        return { ...body, inputObjectMap: body.inputObjectMap.filter((entry: any) => !personal.has(entry?.field)) };
      }),
  },
  {
    name: 'accepts an unknown argument in inputs (ignores it)',
    caughtBy: 'binding_refusals',
    handle: (core, request) =>
      bindingWith(core, request, (body, kind) => {
        if (!Array.isArray(body.inputs)) return body;
        const { operation } = boundObject(core, request, kind, body.operation);
        if (!operation) return body;
        return { ...body, inputs: body.inputs.filter((input: any) => operation.arguments.some((a: any) => a.name === input?.argument)) };
      }),
  },
  {
    name: 'accepts an unknown field in projection (ignores it)',
    caughtBy: 'binding_refusals',
    handle: (core, request) =>
      bindingWith(core, request, (body, kind) => {
        if (!Array.isArray(body.projection)) return body;
        const { schema } = boundObject(core, request, kind, body.operation);
        const known = new Set((schema?.objects ?? []).flatMap((o: any) => o.fields.map((f: any) => f.name)));
        return { ...body, projection: body.projection.filter((p: any) => !Array.isArray(p?.path) || p.path.length !== 1 || known.has(p.path[0])) };
      }),
  },
  {
    name: 'accepts a blocked column at bind time (checks only blocked tables)',
    caughtBy: 'binding_refusals',
    handle: (core, request) => withScopingLifted(core, request, 'blockedColumns'),
  },
  {
    name: 'accepts a blocked table at bind time (checks only blocked columns)',
    caughtBy: 'binding_refusals',
    handle: (core, request) => withScopingLifted(core, request, 'blockedTables'),
  },
  {
    name: 'accepts an unknown operation (binds the first read that takes the rest of the body instead)',
    caughtBy: 'binding_refusals',
    handle: (core, request) => {
      const binding = bindingOf(request);
      if (!binding || boundObject(core, request, binding.kind, binding.body.operation).operation) return core.handle(request);
      return boundToFirstRead(core, request, binding.kind, binding.body);
    },
  },
  {
    name: 'accepts a field of another object in projection (ignores it)',
    caughtBy: 'binding_refusals',
    handle: (core, request) =>
      projectionWithout(
        core,
        request,
        (path, object, schema) =>
          path.length === 1 && !hasField(object, path[0]!) && !relationshipOf(object, path[0]!) && schema.objects.some((o: any) => o !== object && hasField(o, path[0]!)),
      ),
  },
  {
    name: 'accepts a join on a field that is not a relationship (ignores it)',
    caughtBy: 'binding_refusals',
    handle: (core, request) => projectionWithout(core, request, (path, object) => path.length === 2 && !relationshipOf(object, path[0]!) && hasField(object, path[0]!)),
  },
  {
    name: 'accepts a join onto a column its target lacks (ignores it)',
    caughtBy: 'binding_refusals',
    handle: (core, request) =>
      projectionWithout(core, request, (path, object, schema) => {
        const target = path.length === 2 && schema.objects.find((o: any) => o.name === relationshipOf(object, path[0]!)?.target);
        return Boolean(target) && !hasField(target, path[1]!);
      }),
  },
  {
    name: 'refuses every write binding, valid ones included',
    caughtBy: 'positive_data_acceptance',
    handle: (core, request) => (bindingOf(request)?.body.isWrite === true ? refusal('isWrite', 'writes are not supported') : core.handle(request)),
  },
  {
    name: 'refuses every join projection, valid ones included',
    caughtBy: 'positive_data_acceptance',
    handle: (core, request) => {
      const projection = bindingOf(request)?.body.projection;
      const joins = Array.isArray(projection) ? projection.findIndex((p: any) => Array.isArray(p?.path) && p.path.length === 2) : -1;
      return joins >= 0 ? refusal(`projection[${joins}].path`, 'joins are not supported') : core.handle(request);
    },
  },
];
