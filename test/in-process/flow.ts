import { expect } from 'vitest';
import { defaultSpecPath, loadSpec } from '../../src/spec/load-spec.js';
import { listOperations } from '../../src/spec/operations.js';
import { ResponseValidators } from '../../src/validation/response-validators.js';

export const ADMIN = { authorization: 'Bearer flowyte_sk_test_acme_admin' };
const JSON_BODY = { ...ADMIN, 'content-type': 'application/json' };

/** The docs' own model, catalog → connect → provision, as an app makes it with `fetch` (whatever answers it). */
export const FLOW = [
  { operationId: 'connectIntegration', method: 'POST', path: '/integrations/shopify/connect', headers: JSON_BODY, body: { credentials: { apiKey: 'shpat_example' } } },
  { operationId: 'listIntegrations', method: 'GET', path: '/integrations', headers: ADMIN },
  { operationId: 'listIntegrationActions', method: 'GET', path: '/integrations/shopify/actions?limit=2', headers: ADMIN },
  { operationId: 'provisionIntegrationActions', method: 'POST', path: '/agents/agt_acme_demo/integrations/shopify/provision', headers: JSON_BODY, body: { actions: ['lookup_order'] } },
] as const;

let validators: Promise<ResponseValidators> | undefined;

/**
 * Runs the flow through `send` against `baseUrl` and checks each answer against the contract (status, media
 * type, schema, as loaded from openapi.yaml at run time, independently of the packaged contract) and
 * against what the docs say it holds. Answers the parsed bodies.
 */
export async function checkFlow(send: (request: Request) => Promise<Response>, baseUrl: string): Promise<unknown[]> {
  validators ??= loadSpec(defaultSpecPath()).then((document) => new ResponseValidators(listOperations(document)));
  const contract = await validators;
  const bodies: unknown[] = [];
  for (const step of FLOW) {
    const init: RequestInit = { method: step.method, headers: step.headers };
    if ('body' in step) init.body = JSON.stringify(step.body);
    const response = await send(new Request(`${baseUrl}${step.path}`, init));
    const body: unknown = await response.json();
    expect(response.status, `${step.method} ${step.path}: ${JSON.stringify(body)}`).toBe(200);
    expect(contract.check(step.operationId, response.status, response.headers.get('content-type') ?? undefined, body)).toEqual({ kind: 'ok' });
    bodies.push(body);
  }
  const [connected, listed, actions, provisioned] = bodies as any[];
  expect(connected).toEqual({ success: true, data: { status: 'connected' } });
  expect(listed.data).toEqual([expect.objectContaining({ kind: 'shopify', status: 'connected' })]);
  expect(actions.data.map((action: { slug: string }) => action.slug)).toEqual(['check_stock', 'lookup_order']);
  expect(actions.hasMore).toBe(true);
  expect(provisioned.data).toEqual([expect.objectContaining({ created: true, skill: expect.objectContaining({ name: 'shopify_lookup_order' }) })]);
  return bodies;
}
