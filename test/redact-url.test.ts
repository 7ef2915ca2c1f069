import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactUrl } from '../src/contract/redact-url.js';

describe('redactUrl', () => {
  it.each([
    ['http://u:s3cretpw@127.0.0.1:1/api/v1', 'http://***@127.0.0.1:1/api/v1'],
    ['https://alice@staging.example.com/api/v1', 'https://***@staging.example.com/api/v1'],
    ['ftp://u:s3cretpw@host/api/v1', 'ftp://***@host/api/v1'],
    ['http://u:s3cretpw@', 'http://***@'],
    ['http://u:s3c/retpw@host/api/v1', 'http://***@host/api/v1'],
    ['http://u:s3c#retpw@host/api/v1', 'http://***@host/api/v1'],
    ['u:s3cretpw@host/api/v1', 'u:***@host/api/v1'],
    ['s3cretpw@host/api/v1', '***@host/api/v1'],
  ])('should redact the user info of %s', (url, redacted) => {
    expect(redactUrl(url)).toBe(redacted);
  });

  it.each(['http://127.0.0.1:4010/api/v1', 'https://staging.example.com/api/v1/@team', 'not a url'])('should leave %s as it is', (url) => {
    expect(redactUrl(url)).toBe(url);
  });

  it('should never keep a password, however the URL around it is spelt', () => {
    // A password starts with letters here: `http://u:1234#x@host` is a URL of host u and port 1234, nothing to hide.
    const password = fc.string({ unit: 'grapheme-ascii', minLength: 4 }).map((text) => `PW${text}`);
    const scheme = fc.constantFrom('http://', 'https://', 'ftp://', 'foo://', 'http:', 'http:\\\\', '');
    const host = fc.constantFrom('127.0.0.1:4010', 'example.com', '[::1]', '');
    fc.assert(
      fc.property(scheme, fc.stringMatching(/^[a-z]{0,8}$/), password, host, fc.constantFrom('', '/api/v1', '/a@b'), (prefix, user, secret, authority, path) => {
        expect(redactUrl(`${prefix}${user}:${secret}@${authority}${path}`)).not.toContain(secret);
      }),
    );
  });
});
