/**
 * Correct but different: implementations that chose otherwise than the mock where the docs leave the choice
 * open. The suites must pass every one (a check that fails a correct implementation is as bad as one that
 * misses a broken one).
 */
import type { MockCore } from '../../src/mock/core.js';
import type { MockRequest, MockResponse } from '../../src/mock/types.js';
import { refusedHostReason } from '../../src/mock/host-policy.js';
import { BINDING_REFUSAL_ALLOWED } from './allowed-variants/binding-refusals.js';
import { BOUNDARY_ALLOWED } from './allowed-variants/boundaries.js';
import { HOST_AND_BODY_LIMIT_ALLOWED } from './allowed-variants/host-and-body-limits.js';

const text = (r: MockRequest) => (r.body ? Buffer.from(r.body).toString('utf8') : '');
const json = (r: MockResponse): any => { try { return r.body ? JSON.parse(r.body) : undefined; } catch { return undefined; } };
const parse = (r: MockRequest): any => { try { return JSON.parse(text(r)); } catch { return undefined; } };
const pathOf = (r: MockRequest) => r.url.split('?')[0]!;
const problem = (status: number, code: string, title: string, instance: string, extra: object = {}): MockResponse => ({
  status, headers: { 'content-type': 'application/problem+json' },
  body: JSON.stringify({ type: 'about:blank', title, status, detail: title, instance, code, ...extra }),
});
const withJson = (response: MockResponse, body: unknown): MockResponse => ({ ...response, body: JSON.stringify(body) });

/** An implementation that differs from the mock in a way the contract allows, and the checks it must pass. */
export interface AllowedVariant {
  readonly name: string;
  readonly checks: string;
  readonly extra?: readonly string[];
  readonly handle: (core: MockCore, request: MockRequest) => MockResponse;
}

const patches = new Map<string, number>();

const CHOSEN_OTHERWISE: readonly AllowedVariant[] = [
  {
    name: 'disconnect answers {success:true} without data (ApiResponse_Void: data optional)',
    checks: 'envelope,stateful,positive_data_acceptance',
    handle: (core, r) => {
      const res = core.handle(r);
      if (r.method === 'DELETE' && res.status === 200) return withJson(res, { success: true });
      return res;
    },
  },
  {
    name: 'binding checks the caller org connection (409) before the agent (404)',
    checks: 'tenant_isolation',
    handle: (core, r) => {
      const m = /^\/api\/v1\/agents\/[^/]+\/integrations\/([^/]+)\/bindings$/.exec(pathOf(r));
      if (m && r.method === 'POST') {
        const probe = core.handle({ method: 'GET', url: `/api/v1/integrations/${m[1]}/schema`, headers: { authorization: r.headers.authorization, accept: 'application/json' } });
        if (probe.status === 404) return problem(409, 'integration_not_ready', 'Integration not ready', pathOf(r));
      }
      return core.handle(r);
    },
  },
  {
    name: 'SQL routes exist only for postgres/mysql: 404 after authentication, before the scope check',
    checks: 'scope_enforced,auth_required',
    handle: (core, r) => {
      const m = /^\/api\/v1\/integrations\/([^/]+)\/sql\/(test|scripts)$/.exec(pathOf(r));
      const res = core.handle(r);
      if (m && !['postgres', 'mysql'].includes(m[1]!) && res.status !== 401) return problem(404, 'no_sql_endpoint', 'Not a SQL provider', pathOf(r));
      return res;
    },
  },
  {
    name: 'sql/test refuses a host resolving to a private/unspecified address with 422 (getaddrinfo: "55" -> 0.0.0.55)',
    checks: 'positive_data_acceptance',
    handle: (core, r) => {
      if (r.method === 'POST' && /\/sql\/test$/.test(pathOf(r))) {
        const host = parse(r)?.credentials?.host;
        if (typeof host === 'string' && (/^[0-9]+$/.test(host) || refusedHostReason(host))) {
          const res = core.handle(r);
          if (res.status === 200) return problem(422, 'host_refused', 'Host refused', pathOf(r), { errors: [{ field: 'credentials.host', message: 'resolves to a private address' }] });
        }
      }
      return core.handle(r);
    },
  },
  {
    name: 'a reserved provider is a reserved endpoint: 403 (errors page: "403 ... a reserved endpoint")',
    checks: 'scope_sufficient,connect_semantics',
    handle: (core, r) => {
      const res = core.handle(r);
      if (json(res)?.code === 'provider_not_available') return problem(403, 'provider_reserved', 'Provider reserved', pathOf(r));
      return res;
    },
  },
  {
    name: 'oauth2 connect ignores the body ("credentials ... ignored for oauth2")',
    checks: 'negative_data_rejection',
    handle: (core, r) => {
      if (r.method === 'POST' && /\/integrations\/google_(calendar|sheets)\/connect$/.test(pathOf(r))) {
        return core.handle({ ...r, body: undefined, headers: { ...r.headers, 'content-type': undefined, 'content-length': undefined } });
      }
      return core.handle(r);
    },
  },
  {
    name: 'schema objects come in a different (but stable per scoping version) order',
    checks: 'scoping_semantics',
    handle: (core, r) => {
      const p = pathOf(r);
      const key = `${r.headers.authorization} ${p.replace(/\/(schema|scoping)$/, '')}`;
      const res = core.handle(r);
      if (r.method === 'PATCH' && p.endsWith('/scoping') && res.status === 200) patches.set(key, (patches.get(key) ?? 0) + 1);
      if (r.method === 'GET' && p.endsWith('/schema') && res.status === 200) {
        const body = json(res);
        const n = patches.get(key) ?? 0;
        if (n % 2 === 1 || n >= 2) body.data.objects.reverse();
        return withJson(res, body);
      }
      return res;
    },
  },
  {
    name: 'sql/test check messages name the host being tested',
    checks: 'secret_non_disclosure',
    handle: (core, r) => {
      const res = core.handle(r);
      if (r.method === 'POST' && /\/sql\/test$/.test(pathOf(r)) && res.status === 200) {
        const host = parse(r)?.credentials?.host; const b = json(res);
        b.data.checks[0].message = `${host} resolved`; return withJson(res, b);
      }
      return res;
    },
  },
  {
    name: 'connect validates ca_pem is a PEM (400 credentials.ca_pem)',
    checks: 'positive_data_acceptance',
    handle: (core, r) => {
      if (r.method === 'POST' && /\/integrations\/(postgres|mysql)\/connect$/.test(pathOf(r))) {
        const pem = parse(r)?.credentials?.ca_pem;
        if (typeof pem === 'string' && !pem.includes('-----BEGIN CERTIFICATE-----')) {
          const res = core.handle(r);
          if (res.status === 200 || res.status === 400) return problem(400, 'validation_error', 'Validation failure', pathOf(r), { errors: [{ field: 'credentials.ca_pem', message: 'not a PEM certificate' }] });
        }
      }
      return core.handle(r);
    },
  },
  {
    name: 'searchProducts lists an optional argument before the required one, and a read must bind required arguments',
    checks: 'positive_data_acceptance,stateful',
    handle: (core, r) => {
      const p = pathOf(r);
      if (r.method === 'GET' && p.endsWith('/shopify/schema')) {
        const res = core.handle(r); if (res.status !== 200) return res; const b = json(res);
        for (const op of b.data.operations) if (op.name === 'searchProducts') op.arguments = [{ name: 'vendor', field: 'vendor', required: false }, ...op.arguments];
        return withJson(res, b);
      }
      if (r.method === 'POST' && /\/shopify\/bindings$/.test(p)) {
        const body = parse(r);
        if (body?.operation === 'searchProducts') {
          const inputs = body.inputs ?? [];
          if (!inputs.some((i: any) => i.argument === 'query')) return problem(422, 'binding_invalid', 'Binding invalid', p, { errors: [{ field: 'inputs', message: 'required argument query is not bound' }] });
        }
      }
      return core.handle(r);
    },
  },
  {
    name: 'rate limit: 429 with Retry-After on 1 request in 200',
    checks: 'status_code_declared,stateful',
    handle: (() => { let n = 0; return (core: MockCore, r: MockRequest) => (++n % 200 === 0 ? { ...problem(429, 'rate_limited', 'Too many requests', pathOf(r)), headers: { 'content-type': 'application/problem+json', 'retry-after': '0' } } : core.handle(r)); })(),
  },
  {
    name: 'discovers automatically on connect (schema readable right after connect)',
    checks: 'stateful',
    handle: (core, r) => {
      const res = core.handle(r);
      const m = /^\/api\/v1\/integrations\/([^/]+)\/connect$/.exec(pathOf(r));
      if (m && r.method === 'POST' && json(res)?.data?.status === 'connected') core.handle({ method: 'POST', url: `/api/v1/integrations/${m[1]}/discover`, headers: { authorization: r.headers.authorization, accept: 'application/json' } });
      return res;
    },
  },
  {
    name: 'GET scoping is not offered (405), with --documented-only',
    checks: 'tenant_isolation', extra: ['--documented-only'],
    handle: (core, r) => {
      const p = pathOf(r);
      if (r.method === 'GET' && p.endsWith('/scoping')) return { ...problem(405, 'method_not_allowed', 'Method not allowed', p), headers: { 'content-type': 'application/problem+json', allow: 'PATCH' } };
      return core.handle(r);
    },
  },
  {
    name: 'pages every list at most 2 items at a time, whatever limit asks (the readers must follow nextCursor)',
    checks: 'stateful,tenant_isolation,scope_enforced,scoping_semantics,catalog_consistency,pagination',
    handle: (core, r) => {
      const [path, query = ''] = r.url.split('?');
      if (r.method !== 'GET' || !/^\/api\/v1\/integrations(\/catalog|\/[a-z_]+\/(objects|actions))?$/.test(path!)) return core.handle(r);
      const search = new URLSearchParams(query);
      const limit = Number(search.get('limit') ?? 20);
      if (Number.isInteger(limit) && limit > 2) search.set('limit', '2');
      return core.handle({ ...r, url: `${path}?${search}` });
    },
  },
  {
    name: 'pack install checks the connection (409) before whether the provider ships a pack (404)',
    checks: 'catalog_consistency,idempotent_retries,stateful',
    handle: (core, r) => {
      const m = /^\/api\/v1\/agents\/[^/]+\/integrations\/([a-z_]+)\/pack\/install$/.exec(pathOf(r));
      const res = core.handle(r);
      if (!m || res.status !== 404 || json(res)?.code !== 'pack_not_found') return res;
      const listed = json(core.handle({ method: 'GET', url: '/api/v1/integrations?limit=100', headers: { authorization: r.headers.authorization } }));
      const connected = listed?.data?.some((c: { kind: string; status: string }) => c.kind === m[1] && c.status === 'connected');
      return connected ? res : problem(409, 'provider_not_connected', 'Provider not connected', pathOf(r));
    },
  },
  {
    name: 'auto-bind answers 200 rather than 201 (both declared)',
    checks: 'positive_data_acceptance,status_code_declared,envelope',
    handle: (core, r) => {
      const res = core.handle(r);
      return pathOf(r).endsWith('/bindings/auto') && res.status === 201 ? { ...res, status: 200 } : res;
    },
  },
];

export const ALLOWED_VARIANTS: readonly AllowedVariant[] = [...CHOSEN_OTHERWISE, ...BOUNDARY_ALLOWED, ...BINDING_REFUSAL_ALLOWED, ...HOST_AND_BODY_LIMIT_ALLOWED];
