import { describe, expect, it } from 'vitest';
import { RESPONSE_CHECK_VARIANTS } from '../contract/broken-variants/response-checks.js';
import { serveMock } from '../support/served-mock.js';
import { auth, json, proxyTo, violationsOf } from './proxy-fixture.js';

const SUBMITTED_KEY = 'shpat_proxy_tour_0123456789';

/**
 * A short walk through the API that gives every per-response check something to judge: a 401, a 2xx list and
 * object, a connect that submits a credential, the connection list after it, malformed JSON, and a 404.
 */
const TOUR: ReadonlyArray<{ method: string; path: string; headers?: Record<string, string>; body?: string }> = [
  { method: 'GET', path: '/integrations/catalog' },
  { method: 'GET', path: '/integrations/catalog', headers: auth },
  { method: 'POST', path: '/integrations/shopify/connect', headers: json, body: JSON.stringify({ credentials: { apiKey: SUBMITTED_KEY } }) },
  { method: 'GET', path: '/integrations', headers: auth },
  { method: 'POST', path: '/integrations/shopify/connect', headers: json, body: '{' },
  { method: 'DELETE', path: '/integrations/hubspot', headers: auth },
];

async function walk(baseUrl: string) {
  const answers = [];
  for (const step of TOUR) {
    const response = await fetch(baseUrl + step.path, { method: step.method, headers: step.headers, body: step.body });
    answers.push({ step, status: response.status, violations: violationsOf(response), text: await response.text() });
  }
  return answers;
}

describe('the proxy in front of a deliberately broken mock', () => {
  it.each(RESPONSE_CHECK_VARIANTS.map((variant) => [variant.caughtBy, variant.name, variant] as const))(
    'should flag %s, in the log and in x-flowyte-violations, on a mock that %s',
    async (check, _, variant) => {
      const mock = await serveMock(variant.handle);
      const proxy = await proxyTo(mock.baseUrl);
      try {
        const answers = await walk(proxy.baseUrl);
        expect(answers.flatMap((answer) => answer.violations.map((violation) => violation.check))).toContain(check);
        expect(proxy.violationLines().some((line) => line.includes(` ${check} `)), proxy.log()).toBe(true);
        // Without --errors every answer goes on as the target gave it.
        expect(answers.map((answer) => answer.status)).not.toContain(502);
      } finally {
        await proxy.close();
        await mock.close();
      }
    },
    30_000,
  );

  it('should flag nothing on the same walk through the conformant mock', async () => {
    const mock = await serveMock();
    const proxy = await proxyTo(mock.baseUrl);
    try {
      const answers = await walk(proxy.baseUrl);
      expect(answers.map((answer) => answer.status)).toEqual([401, 200, 200, 200, 400, 404]);
      // The malformed body is the client's fault: the only violation named, and a request one.
      expect(answers.flatMap((answer) => answer.violations.map((violation) => violation.location.split('.')[0]))).toEqual(['request']);
      expect(proxy.violationLines().filter((line) => !line.includes(' request_schema '))).toEqual([]);
    } finally {
      await proxy.close();
      await mock.close();
    }
  });

  it('should leave out the rules that rest on inferred parts with --documented-only', async () => {
    // WWW-Authenticate on a 401 is the contract's own choice: judged by default, as a warning; not with --documented-only.
    const variant = RESPONSE_CHECK_VARIANTS.find((candidate) => candidate.caughtBy === 'www_authenticate')!;
    const mock = await serveMock(variant.handle);
    const [everything, documented] = [await proxyTo(mock.baseUrl), await proxyTo(mock.baseUrl, { documentedOnly: true })];
    try {
      // connectIntegration is documented: only the check itself rests on an inferred part.
      const unauthenticated = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ credentials: { apiKey: 'shpat_0123456789' } }) };
      const judged = await fetch(`${everything.baseUrl}/integrations/shopify/connect`, unauthenticated);
      expect(violationsOf(judged)).toEqual([expect.objectContaining({ check: 'www_authenticate', severity: 'warning' })]);
      const documentedOnly = await fetch(`${documented.baseUrl}/integrations/shopify/connect`, unauthenticated);
      expect(documentedOnly.status).toBe(401);
      expect(violationsOf(documentedOnly)).toEqual([]);
    } finally {
      await everything.close();
      await documented.close();
      await mock.close();
    }
  });

  it('should never show a leaked credential in the log or the header', async () => {
    const leaking = RESPONSE_CHECK_VARIANTS.find((variant) => variant.caughtBy === 'secret_non_disclosure')!;
    const mock = await serveMock(leaking.handle);
    const proxy = await proxyTo(mock.baseUrl);
    try {
      const answers = await walk(proxy.baseUrl);
      const leak = answers.find((answer) => answer.violations.some((violation) => violation.check === 'secret_non_disclosure'))!;
      expect(leak.text).toContain(SUBMITTED_KEY); // the answer itself is the target's, passed on
      expect(JSON.stringify(leak.violations)).not.toContain(SUBMITTED_KEY);
      expect(proxy.log()).not.toContain(SUBMITTED_KEY);
    } finally {
      await proxy.close();
      await mock.close();
    }
  });
});
