import { describe, expect, it } from 'vitest';
import { ApiScope } from '../../src/traffic/api-scope.js';

const locate = (scope: ApiScope, url: string) => scope.locate(new URL(url));

describe('ApiScope', () => {
  it('should take every origin by default, the base path and below only', () => {
    const scope = ApiScope.of('/api/v1');
    expect(locate(scope, 'https://a.example/api/v1/integrations?limit=2')).toEqual({ path: '/api/v1/integrations?limit=2', belowBase: '/integrations?limit=2', baseUrl: 'https://a.example/api/v1' });
    expect(locate(scope, 'http://b.example:8080/api/v1')).toMatchObject({ path: '/api/v1', baseUrl: 'http://b.example:8080/api/v1' });
    for (const outside of ['https://a.example/api/v10/x', 'https://a.example/static/app.js', 'data:text/plain,hi', 'ws://a.example/api/v1/x']) expect(locate(scope, outside)).toBeUndefined();
    expect(scope.describe()).toBe('under /api/v1 on any origin');
  });

  it('should take only the origin a base URL names, and read a base URL mounted elsewhere as the contract\'s base path', () => {
    const named = ApiScope.of('/api/v1', 'https://staging.example.com/api/v1/');
    expect(locate(named, 'https://staging.example.com/api/v1/integrations')).toMatchObject({ path: '/api/v1/integrations' });
    expect(locate(named, 'https://cdn.example.com/api/v1/integrations')).toBeUndefined();
    expect(ApiScope.of('/api/v1', 'https://staging.example.com').describe()).toBe('under https://staging.example.com/api/v1');
    const mounted = ApiScope.of('/api/v1', 'https://example.com/backend/api/v1');
    expect(locate(mounted, 'https://example.com/backend/api/v1/integrations/catalog')).toEqual({ path: '/api/v1/integrations/catalog', belowBase: '/integrations/catalog', baseUrl: 'https://example.com/backend/api/v1' });
    expect(locate(mounted, 'https://example.com/api/v1/integrations/catalog')).toBeUndefined();
  });

  it('should refuse a base URL that is not http(s)', () => {
    expect(() => ApiScope.of('/api/v1', 'staging.example.com')).toThrow('--base-url must be an http(s) URL, not "staging.example.com"');
  });
});
