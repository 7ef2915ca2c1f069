import { describe, expect, it } from 'vitest';
import { createDevLog, formatServed } from '../src/mock/dev-log.js';
import type { ServedRequest } from '../src/mock/http-adapter.js';
import { keyNameOf, problemCodeOf } from '../src/mock/served-details.js';
import { createTestMock, KEYS } from './support/test-mock.js';

const AT = new Date(2026, 0, 2, 9, 5, 7, 42);
const base: ServedRequest = { method: 'GET', path: '/api/v1/integrations', status: 200, durationMs: 1.234 };

describe('the request log', () => {
  it('should write one line: time, method, path, status, code, key name, duration', () => {
    expect(formatServed(base, AT)).toBe('09:05:07.042 GET /api/v1/integrations 200 1.2ms');
    const failed = { ...base, method: 'POST', path: '/api/v1/integrations/postgres/connect', status: 400, code: 'validation_error', keyName: 'acme_admin' };
    expect(formatServed(failed, AT)).toBe('09:05:07.042 POST /api/v1/integrations/postgres/connect 400 validation_error key=acme_admin 1.2ms');
  });

  it('should say what a condition simulated, and that a connection was dropped', () => {
    expect(formatServed({ ...base, status: 429, code: 'rate_limited', durationMs: 400, simulated: 'Prefer code=429' }, AT)).toBe(
      '09:05:07.042 GET /api/v1/integrations 429 rate_limited 400.0ms [Prefer code=429]',
    );
    expect(formatServed({ ...base, status: 0, dropped: true, simulated: 'fault: connection dropped' }, AT)).toBe(
      '09:05:07.042 GET /api/v1/integrations dropped 1.2ms [fault: connection dropped]',
    );
  });

  it('should fold preflights away unless verbose', () => {
    const lines: string[] = [];
    const preflight = { ...base, method: 'OPTIONS', status: 204, preflight: true };
    const quiet = createDevLog({ write: (line) => lines.push(line), clock: () => AT });
    quiet(preflight);
    quiet(base);
    expect(lines).toEqual(['09:05:07.042 GET /api/v1/integrations 200 1.2ms\n']);
    createDevLog({ write: (line) => lines.push(line), clock: () => AT, verbose: true })(preflight);
    expect(lines[1]).toBe('09:05:07.042 OPTIONS /api/v1/integrations 204 preflight 1.2ms\n');
  });

  it('should never let a path move the terminal: control characters shown as ?', () => {
    expect(formatServed({ ...base, path: '/api/v1/\u001b[2Jx\r\n' }, AT)).toBe('09:05:07.042 GET /api/v1/?[2Jx?? 200 1.2ms');
  });

  it('should name a key by its name from the store, never by its token', async () => {
    const { store } = await createTestMock();
    expect(keyNameOf(store, `Bearer ${KEYS.acmeReader}`)).toBe('acme_reader');
    expect(keyNameOf(store, 'Bearer flowyte_sk_test_unknown')).toBeUndefined();
    expect(keyNameOf(store, 'Basic eDp5')).toBeUndefined();
    expect(keyNameOf(store, undefined)).toBeUndefined();
  });

  it('should read the code of a problem, and of nothing else', () => {
    const problem = { status: 404, headers: { 'content-type': 'application/problem+json; charset=utf-8' }, body: '{"code":"agent_not_found"}' };
    expect(problemCodeOf(problem)).toBe('agent_not_found');
    expect(problemCodeOf({ ...problem, status: 200 })).toBeUndefined();
    expect(problemCodeOf({ ...problem, body: 'not json' })).toBeUndefined();
    expect(problemCodeOf({ ...problem, headers: { 'content-type': 'text/html' } })).toBeUndefined();
  });
});
