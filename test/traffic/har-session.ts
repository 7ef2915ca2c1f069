import type { ServedMock } from '../support/served-mock.js';
import { KEYS, POSTGRES_CREDENTIALS } from '../support/test-mock.js';

/** One request to the mock and its answer, as a browser would have recorded it. */
export interface RecordedExchange {
  readonly method: string;
  readonly url: string;
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly requestBody?: string;
  readonly status: number;
  readonly statusText: string;
  readonly responseHeaders: ReadonlyArray<readonly [string, string]>;
  readonly responseBody: string;
}

/** The session a page has with the API, one step per entry; the index of each step in every HAR built from it. */
export const STEPS = {
  favicon: 0,
  catalog: 1,
  connect: 2,
  discover: 3,
  catalogWithoutKey: 4,
  invalidConnect: 5,
  list: 6,
  preflight: 7,
} as const;

/** After the steps, every HAR holds one request no answer came for (blocked, cancelled). */
export const BLOCKED_ENTRY = Object.keys(STEPS).length;

/** Calls the mock as a page would: a favicon (outside the API), a connect flow, a 401, a refused connect, a preflight. */
export async function recordSession(mock: ServedMock): Promise<RecordedExchange[]> {
  const api = `${mock.baseUrl}/integrations`;
  const key = { authorization: `Bearer ${KEYS.acmeAdmin}` };
  const json = { ...key, 'content-type': 'application/json' };
  const steps: Array<[string, string, Record<string, string>, string?]> = [
    ['GET', `${mock.origin}/favicon.ico`, {}],
    ['GET', `${api}/catalog?limit=5`, key],
    ['POST', `${api}/postgres/connect`, json, JSON.stringify({ credentials: POSTGRES_CREDENTIALS })],
    ['POST', `${api}/postgres/discover`, key],
    ['GET', `${api}/catalog`, {}],
    ['POST', `${api}/postgres/connect`, json, JSON.stringify({ credentials: { host: 'db.example.com', password: 'short-lived-Secret-77' } })],
    ['GET', api, key],
    ['OPTIONS', api, { origin: 'http://app.test', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' }],
  ];
  const recorded: RecordedExchange[] = [];
  for (const [method, url, requestHeaders, requestBody] of steps) {
    const response = await fetch(url, { method, headers: requestHeaders, ...(requestBody ? { body: requestBody } : {}) });
    const responseBody = await response.text();
    recorded.push({ method, url, requestHeaders, ...(requestBody ? { requestBody } : {}), status: response.status, statusText: response.statusText, responseHeaders: [...response.headers], responseBody });
  }
  return recorded;
}
