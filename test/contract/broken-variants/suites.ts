import type { MockCore } from '../../../src/mock/core.js';
import type { MockRequest, MockResponse } from '../../../src/mock/types.js';
import { ADMIN, json, parse, pathOf, withBody, withConnectionList, withJson, type BrokenVariant } from './helpers.js';

const disconnected = new Map<string, Set<string>>();
let reruns = 0;

/**
 * The bug of a server that finds the organization from the agent in the path (matched by `route`) instead of the
 * key: a caller of another organization (holding `scope`, when named) acts as the agent's owner.
 */
const actingAsAgentOwner =
  (route: RegExp, scope?: string) =>
  (core: MockCore, request: MockRequest): MockResponse => {
    const agentId = route.exec(pathOf(request))?.[1];
    const caller = core.store.keys.get(request.headers.authorization?.replace(/^Bearer /, '') ?? '');
    const owner = agentId ? core.store.agents.get(decodeURIComponent(agentId))?.orgId : undefined;
    const ownerKey = [...core.store.keys.values()].find((key) => key.orgId === owner && key.scopes.has('skills:write'));
    const acts = caller && ownerKey && caller.orgId !== owner && (scope === undefined || caller.scopes.has(scope));
    return acts ? core.handle({ ...request, headers: { ...request.headers, authorization: `Bearer ${ownerKey.token}` } }) : core.handle(request);
  };

/**
 * The variants only a suite drives the mock into (auth, scopes, tenant isolation, data, semantics, state, retries,
 * catalog). The empty-body disconnect is caught by content_type_declared, but only a suite's DELETE reaches it.
 */
export const SUITE_VARIANTS: readonly BrokenVariant[] = [
  {
    name: 'answers 403 where it should answer 401',
    caughtBy: 'auth_required',
    handle: (core, request) => {
      const response = core.handle(request);
      return response.status === 401 ? withJson({ ...response, status: 403 }, { ...json(response), status: 403 }) : response;
    },
  },
  {
    name: 'skips the scope check: any acme key acts as acme_admin',
    caughtBy: 'scope_enforced',
    handle: (core, request) =>
      core.handle(request.headers.authorization?.startsWith('Bearer flowyte_sk_test_acme_') ? { ...request, headers: { ...request.headers, authorization: ADMIN } } : request),
  },
  {
    name: 'refuses the author key on discover although it holds integrations:write',
    caughtBy: 'scope_sufficient',
    handle: (core, request) => {
      if (request.headers.authorization === 'Bearer flowyte_sk_test_acme_author' && pathOf(request).endsWith('/discover')) {
        return { status: 403, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify({ type: 'about:blank', title: 'Forbidden', status: 403, code: 'insufficient_scope' }) };
      }
      return core.handle(request);
    },
  },
  {
    name: "answers with another org's data when the caller's org has none",
    caughtBy: 'tenant_isolation',
    handle: (core, request) => {
      const response = core.handle(request);
      const foreign = request.headers.authorization?.includes('globex') && /^\/api\/v1\/integrations\/[a-z_]+\//.test(pathOf(request));
      return foreign && response.status === 404 ? core.handle({ ...request, headers: { ...request.headers, authorization: ADMIN } }) : response;
    },
  },
  {
    name: 'accepts an unknown sslmode',
    caughtBy: 'negative_data_rejection',
    handle: (core, request) => {
      const body = parse(request);
      const mode = body?.credentials?.sslmode;
      const known = ['require', 'verify-ca', 'verify-full', undefined];
      return core.handle(typeof mode === 'string' && !known.includes(mode) ? withBody(request, { ...body, credentials: { ...body.credentials, sslmode: 'require' } }) : request);
    },
  },
  {
    name: 'never validates scoping bodies, objects queries or binding bodies once a kind is connected',
    caughtBy: 'negative_data_rejection',
    handle: (core, request) => {
      const path = pathOf(request);
      const json = { ...request.headers, 'content-type': 'application/json' };
      if (request.method === 'PATCH' && path.endsWith('/scoping')) return core.handle({ ...request, body: Buffer.from('{}'), headers: json });
      if (request.method === 'GET' && path.endsWith('/objects')) return core.handle({ ...request, url: path });
      return core.handle(request);
    },
  },
  {
    name: 'answers a disconnect with an empty body and no content type',
    caughtBy: 'content_type_declared',
    handle: (core, request) => {
      const response = core.handle(request);
      return request.method === 'DELETE' && response.status === 200 ? { status: 200, headers: {}, body: '' } : response;
    },
  },
  {
    name: 'refuses valid scoping updates that block columns',
    caughtBy: 'positive_data_acceptance',
    handle: (core, request) => {
      const body = parse(request);
      if (request.method === 'PATCH' && body?.blockedColumns && Object.keys(body.blockedColumns).length) {
        return { status: 400, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify({ type: 'about:blank', title: 'Validation failure', status: 400, errors: [{ field: 'blockedColumns', message: 'unsupported' }] }) };
      }
      return core.handle(request);
    },
  },
  {
    name: 'returns both oauthUrl and status',
    caughtBy: 'connect_semantics',
    handle: (core, request) => {
      const response = core.handle(request);
      const body = json(response);
      return body?.data?.oauthUrl ? withJson(response, { ...body, data: { ...body.data, status: 'connected' } }) : response;
    },
  },
  {
    name: 'accepts sslmode disable',
    caughtBy: 'connect_semantics',
    handle: (core, request) => {
      const body = parse(request);
      return core.handle(body?.credentials?.sslmode === 'disable' ? withBody(request, { ...body, credentials: { ...body.credentials, sslmode: 'require' } }) : request);
    },
  },
  {
    name: 'forgets column blocks',
    caughtBy: 'scoping_semantics',
    handle: (core, request) => {
      const body = parse(request);
      if (request.method !== 'PATCH' || !body?.blockedColumns) return core.handle(request);
      const response = core.handle(withBody(request, { ...body, blockedColumns: {} }));
      return response.status === 200 ? withJson(response, { ...json(response), data: { ...json(response).data, blockedColumns: body.blockedColumns } }) : response;
    },
  },
  {
    name: 'ignores an empty blockedTables list',
    caughtBy: 'scoping_semantics',
    handle: (core, request) => {
      const body = parse(request);
      if (request.method !== 'PATCH' || !Array.isArray(body?.blockedTables) || body.blockedTables.length) return core.handle(request);
      const { blockedTables: _, ...rest } = body;
      return core.handle(withBody(request, rest));
    },
  },
  {
    name: 'keeps listing a connection after it was disconnected',
    caughtBy: 'stateful',
    handle: (core, request) => {
      const org = /acme|globex/.exec(request.headers.authorization ?? '')?.[0] ?? '';
      const response = core.handle(request);
      const kind = /^\/api\/v1\/integrations\/([a-z_]+)$/.exec(pathOf(request))?.[1];
      if (request.method === 'DELETE' && kind && response.status === 200) disconnected.set(org, new Set([...(disconnected.get(org) ?? []), kind]));
      if (request.method === 'POST' && pathOf(request).endsWith('/connect')) disconnected.get(org)?.delete(pathOf(request).split('/')[4]!);
      return withConnectionList(response, request, (data) => {
        const stale = [...(disconnected.get(org) ?? [])].filter((k) => !data.some((c: { kind: string }) => c.kind === k));
        const now = new Date().toISOString();
        const ghosts = stale.map((k) => ({ kind: k, status: 'connected', authType: 'api_key', createdAt: now, updatedAt: now, connectedAt: now, discoveredAt: null, scoping: { blockedTableCount: 0, blockedColumnCount: 0 } }));
        return [...data, ...ghosts];
      });
    },
  },
  {
    name: 'lists a connected kind twice',
    caughtBy: 'stateful',
    handle: (core, request) => withConnectionList(core.handle(request), request, (data) => data.flatMap((c: { status: string }) => (c.status === 'connected' ? [c, c] : [c]))),
  },
  {
    name: 'creates the skills again when a provision or pack install is re-run',
    caughtBy: 'idempotent_retries',
    handle: (core, request) => {
      const response = core.handle(request);
      if (!/\/(provision|pack\/install)$/.test(pathOf(request)) || response.status !== 200) return response;
      const body = json(response);
      const again = body.data.map((item: { skill: { id: string } }) => ({ skill: { ...item.skill, id: `${item.skill.id}_${++reruns}` }, created: true }));
      return withJson(response, { ...body, data: again });
    },
  },
  {
    name: 'installs a pack on a provider that is not connected',
    caughtBy: 'stateful',
    handle: (core, request) => {
      const response = core.handle(request);
      return pathOf(request).endsWith('/pack/install') && response.status === 409 ? withJson({ ...response, status: 200, headers: { ...response.headers, 'content-type': 'application/json' } }, { success: true, data: [] }) : response;
    },
  },
  {
    name: "provisions onto another organization's agent, with that organization's connection",
    caughtBy: 'tenant_isolation',
    handle: actingAsAgentOwner(/^\/api\/v1\/agents\/([^/]+)\/integrations\/[a-z_]+\/provision$/),
  },
  {
    name: "says in the catalog that Google Sheets has one action more than it lists",
    caughtBy: 'catalog_consistency',
    handle: (core, request) => {
      const response = core.handle(request);
      if (pathOf(request) !== '/api/v1/integrations/catalog' || response.status !== 200) return response;
      const body = json(response);
      return withJson(response, { ...body, data: body.data.map((entry: { kind: string; actionCount: number }) => (entry.kind === 'google_sheets' ? { ...entry, actionCount: entry.actionCount + 1 } : entry)) });
    },
  },
  {
    name: "binds onto another organization's agent when the caller holds skills:write, with the agent's organization's connection",
    caughtBy: 'tenant_isolation',
    // This one checks the caller's scope first.
    handle: actingAsAgentOwner(/^\/api\/v1\/agents\/([^/]+)\/integrations\/[a-z_]+\/bindings$/, 'skills:write'),
  },
  {
    name: "reads a connection's scoping from whichever organization blocked something in that kind",
    caughtBy: 'tenant_isolation',
    handle: (core, request) => {
      // A server whose scoping store is keyed by kind alone when it reads (the write is right).
      const kind = request.method === 'GET' ? /^\/api\/v1\/integrations\/([a-z_]+)\/scoping$/.exec(pathOf(request))?.[1] : undefined;
      const response = core.handle(request);
      if (!kind || response.status !== 200) return response;
      const blocked = [...core.store.connections.values()].map((connections) => connections.get(kind as never)).find((connection) => connection?.scoping.blockedTables.length);
      return blocked ? withJson(response, { ...json(response), data: { ...json(response).data, blockedTables: blocked.scoping.blockedTables } }) : response;
    },
  },
  {
    name: "rescopes the kind in whichever organization has it, when the caller's has none",
    caughtBy: 'tenant_isolation',
    handle: (core, request) => {
      // A server that looks a connection up by kind alone when writing its scoping.
      const kind = request.method === 'PATCH' ? /^\/api\/v1\/integrations\/([a-z_]+)\/scoping$/.exec(pathOf(request))?.[1] : undefined;
      const caller = core.store.keys.get(request.headers.authorization?.replace(/^Bearer /, '') ?? '');
      if (!kind || !caller || core.store.connectionsOf(caller.orgId).has(kind as never)) return core.handle(request);
      const owner = [...core.store.connections].find(([, connections]) => connections.has(kind as never))?.[0];
      const ownerKey = [...core.store.keys.values()].find((key) => key.orgId === owner && key.scopes.has('integrations:write'));
      return ownerKey ? core.handle({ ...request, headers: { ...request.headers, authorization: `Bearer ${ownerKey.token}` } }) : core.handle(request);
    },
  },
  {
    name: "never checks whose agent it is (bindings, auto-bind, provision, pack install run on the caller's own connection)",
    caughtBy: 'tenant_isolation',
    handle: (core, request) => {
      // The bug of a server that resolves the connection from the key but never the agent's organization: the
      // skill lands as if the agent were the caller's (here, on the caller's own agent, answering 2xx).
      const match = /^\/api\/v1\/agents\/([^/]+)\/(integrations\/[a-z_]+\/(?:bindings|bindings\/auto|provision|pack\/install))$/.exec(pathOf(request));
      const caller = core.store.keys.get(request.headers.authorization?.replace(/^Bearer /, '') ?? '');
      const own = caller && [...core.store.agents.values()].find((agent) => agent.orgId === caller.orgId);
      return match && own ? core.handle({ ...request, url: `/api/v1/agents/${own.id}/${match[2]}` }) : core.handle(request);
    },
  },
];
