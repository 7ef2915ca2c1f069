import { describe, expect, it } from 'vitest';
import { createHostGuard, parseAllowedHost } from '../../src/mock/host-guard.js';

describe('the DNS-rebinding guard', () => {
  const allows = (guard: ReturnType<typeof createHostGuard>, host: string | undefined) => guard(host) === undefined;

  it('should answer localhost, its subdomains and any IP address, with or without a port', () => {
    const guard = createHostGuard();
    for (const host of ['localhost', 'LOCALHOST:4010', 'localhost.', 'app.localhost:4010', '127.0.0.1', '127.0.0.1:4010', '[::1]:4010', '[::1]', '192.168.1.20:4010', '0.0.0.0:4010']) {
      expect(allows(guard, host), host).toBe(true);
    }
  });

  it('should answer a request without Host, as an HTTP/1.0 tool sends it', () => {
    expect(allows(createHostGuard(), undefined)).toBe(true);
  });

  it('should refuse any other name with 403 host_not_allowed, saying which flag allows it', () => {
    const guard = createHostGuard();
    for (const host of ['evil.example', 'evil.example:4010', 'localhost.evil.example', 'mock', '127.0.0.1.nip.io', 'a b', '[zz]']) {
      const refusal = guard(host);
      expect(refusal, host).toMatchObject({ status: 403, code: 'host_not_allowed', errors: [{ field: 'Host' }] });
    }
    expect(guard('evil.example:4010')!.detail).toContain('--allowed-host evil.example');
  });

  it('should answer the name it listens on and the names allowed, a leading dot allowing subdomains', () => {
    const guard = createHostGuard({ listenHost: 'devbox', allowedHosts: ['mock', '.example.test'] });
    for (const host of ['devbox:4010', 'mock:4010', 'MOCK', 'example.test', 'api.example.test:8080']) expect(allows(guard, host), host).toBe(true);
    expect(allows(guard, 'notexample.test')).toBe(false);
  });

  it('should read --allowed-host values as host names', () => {
    expect(parseAllowedHost('Mock')).toBe('mock');
    expect(parseAllowedHost('.example.test')).toBe('.example.test');
    expect(parseAllowedHost('flowyte_mock')).toBe('flowyte_mock');
    for (const bad of ['', 'http://mock', 'mock:4010', 'a b', '-x', '*']) expect(() => parseAllowedHost(bad), bad).toThrow(/--allowed-host/);
  });
});
