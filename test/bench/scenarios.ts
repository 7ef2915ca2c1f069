/** One request shape loaded against every server; `path` is relative to the server's base path. */
export interface Scenario {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

const AUTH = { authorization: 'Bearer flowyte_sk_test_acme_admin' };

/** The probe used for start-up time: the list endpoint, which every server answers 2xx once ready. */
export const READINESS_PROBE: Scenario = { name: 'GET /integrations', method: 'GET', path: '/integrations', headers: AUTH };

/** The loaded scenarios, in run order: a read, then a write the stateful mock has to store. */
export const SCENARIOS: readonly Scenario[] = [
  READINESS_PROBE,
  {
    name: 'POST /integrations/shopify/connect',
    method: 'POST',
    path: '/integrations/shopify/connect',
    headers: { ...AUTH, 'content-type': 'application/json' },
    body: JSON.stringify({ credentials: { apiKey: 'shpat_bench' } }),
  },
];
