import type { MockCore } from '../../../src/mock/core.js';
import type { MockRequest, MockResponse } from '../../../src/mock/types.js';
import type { AllowedVariant } from '../allowed-variants.js';

const pathOf = (request: MockRequest) => request.url.split('?')[0]!;
const bodyOf = (message: { body?: Uint8Array | string }): any => {
  try {
    return message.body ? JSON.parse(Buffer.from(message.body).toString('utf8')) : undefined;
  } catch {
    return undefined;
  }
};
const BINDINGS = /^\/api\/v1\/agents\/[^/]+\/integrations\/([^/]+)\/bindings$/;

/** The kind and body of a bindings request, or undefined for any other request. */
function bindingOf(request: MockRequest): { kind: string; body: any } | undefined {
  const match = BINDINGS.exec(pathOf(request));
  const body = match && request.method === 'POST' ? bodyOf(request) : undefined;
  return match && body && typeof body === 'object' ? { kind: match[1]!, body } : undefined;
}

function problem(request: MockRequest, status: number, field: string, message: string): MockResponse {
  return {
    status,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({ type: 'about:blank', title: 'Binding refused', status, detail: `${field}: ${message}`, instance: pathOf(request), code: 'binding_invalid', errors: [{ field, message }] }),
  };
}

/** The operations of the kind's schema as the caller sees it. */
function operationsOf(core: MockCore, request: MockRequest, kind: string): Array<{ name: string }> {
  const schema = bodyOf(core.handle({ method: 'GET', url: `/api/v1/integrations/${kind}/schema`, headers: { authorization: request.headers.authorization, accept: 'application/json' } }));
  return schema?.data?.operations ?? [];
}

/** Where the contract leaves a binding's refusal or its shape open, implementations that chose otherwise than the mock. */
export const BINDING_REFUSAL_ALLOWED: readonly AllowedVariant[] = [
  {
    // A binding naming no operation of the caller's schema is refused before the server looks whose agent it names:
    // a cross-organization attempt must then carry a valid binding for its 403/404 to mean tenancy.
    name: "a binding is checked against the caller's schema (422) before whose agent it names",
    checks: 'tenant_isolation,binding_refusals',
    handle: (core, request) => {
      const binding = bindingOf(request);
      if (binding && typeof binding.body.operation === 'string' && !operationsOf(core, request, binding.kind).some((op) => op.name === binding.body.operation)) {
        return problem(request, 422, 'operation', 'names no operation of the discovered schema');
      }
      return core.handle(request);
    },
  },
  {
    name: 'every binding refusal is a 400 rather than a 422 ("either 400 or 422 conforms there")',
    checks: 'binding_refusals,positive_data_acceptance,scoping_semantics,status_code_declared,problem_json',
    handle: (core, request) => {
      const response = core.handle(request);
      if (!bindingOf(request) || response.status !== 422) return response;
      return { ...response, status: 400, body: JSON.stringify({ ...bodyOf(response), status: 400 }) };
    },
  },
  {
    name: 'a postgres/mysql read binds its filter only through sqlSearch ("use sqlSearch for postgres/mysql reads")',
    checks: 'binding_refusals,positive_data_acceptance,scoping_semantics,stateful',
    handle: (core, request) => {
      const binding = bindingOf(request);
      const sqlRead = binding && ['postgres', 'mysql'].includes(binding.kind) && binding.body.isWrite !== true;
      if (sqlRead && !binding.body.sqlSearch && binding.body.inputs?.length) return problem(request, 422, 'sqlSearch', 'a postgres/mysql read filters through sqlSearch');
      return core.handle(request);
    },
  },
  {
    name: 'the discovered schema gives no piiClass (the contract makes it optional)',
    checks: 'binding_refusals,positive_data_acceptance',
    handle: (core, request) => {
      const response = core.handle(request);
      if (request.method !== 'GET' || !pathOf(request).endsWith('/schema') || response.status !== 200) return response;
      const body = bodyOf(response);
      for (const object of body.data.objects) for (const field of object.fields) delete field.piiClass;
      return { ...response, body: JSON.stringify(body) };
    },
  },
  {
    name: 'joins only on postgres/mysql (the docs: "For a SQL one-hop FK join"), with --documented-only',
    checks: 'binding_refusals,positive_data_acceptance',
    extra: ['--documented-only'],
    handle: (core, request) => {
      const binding = bindingOf(request);
      const joins = binding && !['postgres', 'mysql'].includes(binding.kind) ? (binding.body.projection ?? []).findIndex((p: any) => p?.path?.length === 2) : -1;
      return joins >= 0 ? problem(request, 422, `projection[${joins}].path`, 'joins are for SQL databases') : core.handle(request);
    },
  },
  {
    name: 'an unknown operation is a 404, with --documented-only (the docs give no status for it)',
    checks: 'binding_refusals',
    extra: ['--documented-only'],
    handle: (core, request) => {
      const binding = bindingOf(request);
      if (binding && !operationsOf(core, request, binding.kind).some((op) => op.name === binding.body.operation)) {
        return problem(request, 404, 'operation', 'no such operation');
      }
      return core.handle(request);
    },
  },
];
