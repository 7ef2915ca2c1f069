import { json, parse, pathOf, serverErrorOn, withConnectionList, withJson, type BrokenVariant } from './helpers.js';

const leaked: string[] = [];

/** The variants caught by the per-response checks (status, content type, schema, envelope, problem+json, 5xx, secrets). */
export const RESPONSE_CHECK_VARIANTS: readonly BrokenVariant[] = [
  {
    name: 'answers an undeclared 410 where it should answer 404',
    caughtBy: 'status_code_declared',
    handle: (core, request) => {
      const response = core.handle(request);
      return response.status === 404 && pathOf(request).startsWith('/api/v1/') ? { ...response, status: 410, body: response.body.replace('"status":404', '"status":410') } : response;
    },
  },
  {
    name: 'answers 401 without a WWW-Authenticate challenge',
    caughtBy: 'www_authenticate',
    handle: (core, request) => {
      const response = core.handle(request);
      const { 'www-authenticate': _, ...headers } = response.headers;
      return response.status === 401 ? { ...response, headers } : response;
    },
  },
  {
    name: 'serves success bodies as text/plain',
    caughtBy: 'content_type_declared',
    handle: (core, request) => {
      const response = core.handle(request);
      return response.status < 300 ? { ...response, headers: { ...response.headers, 'content-type': 'text/plain' } } : response;
    },
  },
  {
    name: 'lists connections with a status outside the enum',
    caughtBy: 'response_schema',
    handle: (core, request) => withConnectionList(core.handle(request), request, (data) => data.map((c: object) => ({ ...c, status: 'active' }))),
  },
  {
    name: 'drops the envelope from the catalog',
    caughtBy: 'envelope',
    handle: (core, request) => {
      const response = core.handle(request);
      return pathOf(request) === '/api/v1/integrations/catalog' && response.status === 200 ? withJson(response, json(response).data) : response;
    },
  },
  {
    name: 'serves problem+json as text/plain',
    caughtBy: 'problem_json',
    handle: (core, request) => {
      const response = core.handle(request);
      return response.status >= 400 ? { ...response, headers: { ...response.headers, 'content-type': 'text/plain; charset=utf-8' } } : response;
    },
  },
  {
    name: 'answers 500 to malformed JSON',
    caughtBy: 'not_a_server_error',
    handle: serverErrorOn('malformed_json'),
  },
  {
    name: 'leaks the last submitted credential in the connection list',
    caughtBy: 'secret_non_disclosure',
    handle: (core, request) => {
      const credentials = parse(request)?.credentials;
      if (credentials && typeof credentials === 'object') leaked.push(...Object.values(credentials).filter((v): v is string => typeof v === 'string' && v.length > 9));
      const response = core.handle(request);
      if (request.method !== 'GET' || pathOf(request) !== '/api/v1/integrations' || response.status !== 200) return response;
      return withJson(response, { ...json(response), debug: leaked.slice(-3) });
    },
  },
];
