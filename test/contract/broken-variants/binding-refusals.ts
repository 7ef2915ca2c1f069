import type { MockCore } from '../../../src/mock/core.js';
import type { MockRequest, MockResponse } from '../../../src/mock/types.js';
import { json, parse, pathOf, withBody, type BrokenVariant } from './helpers.js';

/** The kind and body of a bindings request, or undefined for any other request. */
function bindingOf(request: MockRequest): { kind: string; body: any } | undefined {
  const match = /^\/api\/v1\/agents\/[^/]+\/integrations\/([^/]+)\/bindings$/.exec(pathOf(request));
  const body = match && request.method === 'POST' ? parse(request) : undefined;
  return match && body && typeof body === 'object' ? { kind: match[1]!, body } : undefined;
}

/** A request of the same caller to another route of the core. */
function sameCaller(core: MockCore, request: MockRequest, method: string, url: string, body?: unknown): MockResponse {
  const headers = { authorization: request.headers.authorization, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
  return core.handle({ method, url, headers, body: body === undefined ? undefined : Buffer.from(JSON.stringify(body)) });
}

/** The bound operation's object in the schema the caller sees, with its operation. */
function boundObject(core: MockCore, request: MockRequest, kind: string, operationName: unknown): { operation?: any; object?: any; schema?: any } {
  const schema = json(sameCaller(core, request, 'GET', `/api/v1/integrations/${kind}/schema`))?.data;
  const operation = schema?.operations?.find((op: any) => op.name === operationName);
  return { schema, operation, object: schema?.objects?.find((o: any) => o.name === operation?.object) };
}

/** The core's answer to the binding with `change` applied to its body first: what a server that ignores that part accepts. */
function bindingWith(core: MockCore, request: MockRequest, change: (body: any, kind: string) => any): MockResponse {
  const binding = bindingOf(request);
  return core.handle(binding ? withBody(request, change(binding.body, binding.kind)) : request);
}

const refusal = (field: string, message: string): MockResponse => ({
  status: 422,
  headers: { 'content-type': 'application/problem+json' },
  body: JSON.stringify({ type: 'about:blank', title: 'Binding invalid', status: 422, detail: `${field}: ${message}`, code: 'binding_invalid', errors: [{ field, message }] }),
});

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
    handle: (core, request) => {
      const binding = bindingOf(request);
      const scoping = binding && json(sameCaller(core, request, 'GET', `/api/v1/integrations/${binding.kind}/scoping`))?.data;
      if (!binding || !scoping || !Object.keys(scoping.blockedColumns ?? {}).length) return core.handle(request);
      // The core is synchronous: nothing else runs between lifting the column blocks and putting them back.
      const url = `/api/v1/integrations/${binding.kind}/scoping`;
      sameCaller(core, request, 'PATCH', url, { blockedColumns: {} });
      const response = core.handle(request);
      sameCaller(core, request, 'PATCH', url, { blockedColumns: scoping.blockedColumns });
      return response;
    },
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
