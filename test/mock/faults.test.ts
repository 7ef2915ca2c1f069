import { describe, expect, it } from 'vitest';
import { parseDelayFlag, parseFaultRateFlag, parseSeedFlag } from '../../src/mock/conditions/condition-options.js';
import { faultsOf } from '../../src/mock/conditions/faults.js';
import { withConditions } from '../../src/mock/conditions/with-conditions.js';
import { listOperations } from '../../src/spec/operations.js';
import { ToolError } from '../../src/tool-errors.js';
import { KEYS } from '../support/test-mock.js';
import { createConditionedMock, type ConditionedMock } from './conditioned-mock.js';

const LIST = '/api/v1/integrations';

/** What each of `count` reads met: a status, or `drop`. */
function outcomes(m: ConditionedMock, count: number): string[] {
  return Array.from({ length: count }, () => {
    const reply = m.ask('GET', LIST);
    return reply.response.drop ? 'drop' : String(reply.status);
  });
}

describe('mock-wide faults and delays', () => {
  it('should answer only faults at rate 1, each a declared 429 (with Retry-After) or a dropped connection, and change nothing', async () => {
    const m = await createConditionedMock({ faultRate: 1, seed: 7 });
    const before = m.state();
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const reply = m.ask('POST', '/api/v1/integrations/shopify/connect', {}, { credentials: { apiKey: 'shpat_1' } });
      if (reply.response.drop) {
        expect(reply.response).toMatchObject({ status: 0, body: '', simulated: 'fault: connection dropped' });
        seen.add('drop');
      } else {
        expect(reply.status).toBe(429);
        expect(reply.headers['retry-after']).toBe('2');
        expect(reply.response.simulated).toBe('fault 429');
        seen.add('429');
      }
    }
    expect([...seen].sort()).toEqual(['429', 'drop']);
    expect(m.state()).toBe(before);
  });

  it('should repeat the same faults for the same seed and requests, and others for another seed', async () => {
    const first = outcomes(await createConditionedMock({ faultRate: 0.5, seed: 42 }), 60);
    const again = outcomes(await createConditionedMock({ faultRate: 0.5, seed: 42 }), 60);
    const other = outcomes(await createConditionedMock({ faultRate: 0.5, seed: 43 }), 60);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('should fault about the share of requests asked for', async () => {
    const m = await createConditionedMock({ faultRate: 0.2, seed: 1 });
    const faulted = outcomes(m, 1000).filter((outcome) => outcome !== '200').length;
    expect(faulted).toBeGreaterThan(150);
    expect(faulted).toBeLessThan(250);
  });

  it('should leave unauthenticated requests, preflights and control routes to the core', async () => {
    const m = await createConditionedMock({ faultRate: 1, seed: 3 });
    expect(m.ask('GET', LIST, { authorization: null }).status).toBe(401);
    const preflight = m.ask('OPTIONS', LIST, { 'access-control-request-method': 'GET', origin: 'http://localhost:5173' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Prefer/);
    expect(m.ask('GET', '/__mock/state').status).toBe(200);
  });

  it('should let a Prefer code or example win over a fault', async () => {
    const m = await createConditionedMock({ faultRate: 1, seed: 3 });
    for (let i = 0; i < 10; i++) expect(m.ask('GET', LIST, { prefer: 'code=403' }).status).toBe(403);
  });

  it('should inject each 5xx an operation declares, 429 and a drop', async () => {
    const { document } = await createConditionedMock();
    const list = listOperations(document).find((operation) => operation.operationId === 'listIntegrations')!;
    expect(faultsOf(list)).toEqual([{ status: 429 }, 'drop']);
    const withServerErrors = { ...list, responses: { ...list.responses, '503': {}, '500': {} } };
    expect(faultsOf(withServerErrors)).toEqual([{ status: 500 }, { status: 503 }, { status: 429 }, 'drop']);
    expect(faultsOf({ ...list, responses: { '200': {}, '5XX': {} } })).toEqual([{ status: 500 }, 'drop']);
  });

  it('should hold every API answer for a fixed delay, but neither preflights nor control routes', async () => {
    const m = await createConditionedMock({ delay: 300 });
    expect(m.ask('GET', LIST).response.delayMs).toBe(300);
    expect(m.ask('GET', LIST, { authorization: null }).response.delayMs).toBe(300);
    expect(m.ask('GET', '/api/v1/nowhere').response.delayMs).toBe(300);
    expect(m.ask('GET', LIST, { prefer: 'delay=5' }).response.delayMs).toBe(5);
    expect(m.ask('OPTIONS', LIST, { 'access-control-request-method': 'GET' }).response.delayMs).toBeUndefined();
    expect(m.ask('GET', '/__mock/state').response.delayMs).toBeUndefined();
  });

  it('should draw a delay range from the seed, within its bounds', async () => {
    const delays = async (seed: number) => {
      const m = await createConditionedMock({ delay: { min: 100, max: 200 }, seed });
      return Array.from({ length: 50 }, () => m.ask('GET', LIST).response.delayMs!);
    };
    const drawn = await delays(9);
    expect(Math.min(...drawn)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...drawn)).toBeLessThanOrEqual(200);
    expect(new Set(drawn).size).toBeGreaterThan(10);
    expect(await delays(9)).toEqual(drawn);
  });

  it('should keep the core reachable: its store, a seed to print, and a spread copy that still works', async () => {
    const m = await createConditionedMock();
    expect(m.core.store).toBe(m.mock.store);
    expect(Number.isInteger(m.core.seed)).toBe(true);
    const copy = { ...m.core };
    expect(copy.store).toBe(m.mock.store);
    expect(copy.handle({ method: 'GET', url: LIST, headers: { authorization: `Bearer ${KEYS.acmeAdmin}`, prefer: 'code=429' } }).status).toBe(429);
  });

  it('should refuse options out of range, naming them', async () => {
    const { mock, document } = await createConditionedMock();
    for (const options of [{ faultRate: 1.5 }, { faultRate: -0.1 }, { delay: -1 }, { delay: { min: 50, max: 10 } }, { delay: 1e9 }, { seed: 1.5 }]) {
      expect(() => withConditions(mock.core, { document, ...options }), JSON.stringify(options)).toThrow(ToolError);
    }
  });
});

describe('the condition flags', () => {
  it('should read --delay as milliseconds or a range', () => {
    expect(parseDelayFlag('300')).toBe(300);
    expect(parseDelayFlag('100-800')).toEqual({ min: 100, max: 800 });
    for (const bad of ['', 'fast', '800-100', '-5', '1.5', '999999999']) expect(() => parseDelayFlag(bad), bad).toThrow(/--delay/);
  });

  it('should read --faults as a rate from 0 to 1', () => {
    expect(parseFaultRateFlag('0.1')).toBe(0.1);
    expect(parseFaultRateFlag('1')).toBe(1);
    expect(parseFaultRateFlag('.5')).toBe(0.5);
    for (const bad of ['', '10%', '1.5', '-0.1', 'some']) expect(() => parseFaultRateFlag(bad), bad).toThrow(/--faults/);
  });

  it('should read --seed as a whole number', () => {
    expect(parseSeedFlag('42')).toBe(42);
    for (const bad of ['', '-1', '1.5', 'x', '99999999999']) expect(() => parseSeedFlag(bad), bad).toThrow(/--seed/);
  });
});
