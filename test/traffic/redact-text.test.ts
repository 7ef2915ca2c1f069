import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HIDDEN_BODY, redactBody, redactQuery, secretValuesOf } from '../../src/traffic/redact-text.js';
import { SecretMask } from '../../src/traffic/secret-mask.js';

/** Every secret of the properties starts with this, which nothing else in their bodies holds. */
const MARK = 'Zk9';
const secret = fc.string({ maxLength: 12 }).map((tail) => `${MARK}${tail}`);
/** A credentials object as a client might send it: strings, numbers, a nested object, `port` and `sslmode` in clear. */
const credentials = fc.record({
  host: secret,
  password: secret,
  nested: fc.record({ token: secret, depth: fc.array(secret, { maxLength: 2 }) }),
  port: fc.constant('5432'),
  sslmode: fc.constant('require'),
});

describe('redactBody', () => {
  it('should never show a credential of a JSON body, whole or cut anywhere (else hide the body)', () => {
    fc.assert(
      fc.property(credentials, fc.string({ maxLength: 8 }).filter((label) => !label.includes(MARK[0]!)), fc.nat(), (values, label, cut) => {
        const body = JSON.stringify({ label, credentials: values, apiKey: `${MARK}-outside` }, null, cut % 2 ? 2 : undefined);
        const shown = redactBody(body.slice(0, cut % (body.length + 1)), 'application/json');
        expect(shown === HIDDEN_BODY || !shown.includes(MARK)).toBe(true);
      }),
    );
  });

  it('should keep a JSON body without secrets as it was, and the fields that are no secret', () => {
    expect(redactBody('{ "scopes": ["a"] }', 'application/json')).toBe('{ "scopes": ["a"] }');
    expect(JSON.parse(redactBody('{"credentials":{"host":"h","port":5432,"sslmode":"require"},"name":"x"}', undefined))).toEqual({ credentials: { host: '[REDACTED]', port: 5432, sslmode: 'require' }, name: 'x' });
    expect(JSON.parse(redactBody('{"credentials":"a-whole-string","access_token":"t","apiKey":null}', undefined))).toEqual({ credentials: '[REDACTED]', access_token: '[REDACTED]', apiKey: null });
  });

  it('should redact a form body by its fields, credentials[…] and secret names alike', () => {
    expect(redactBody('credentials%5Bpassword%5D=p%40ss&credentials[port]=5432&password=x&name=shop', 'application/x-www-form-urlencoded')).toBe(
      'credentials%5Bpassword%5D=%5BREDACTED%5D&credentials[port]=5432&password=%5BREDACTED%5D&name=shop',
    );
    // Form-shaped text is read as a form whatever its declared type.
    expect(redactBody('token=abc&x=1', 'text/plain')).toBe('token=%5BREDACTED%5D&x=1');
  });

  it('should redact the members of text that is no longer JSON, and hide a body it cannot read for certain', () => {
    expect(redactBody('{"credentials": {"apiKey": "sk_live_1", "extra": {"a": "b"}, "port": 1}, "password": "p\\"q', undefined)).toBe(
      '{"credentials": {"apiKey": "[REDACTED]", "extra": "[REDACTED]", "port": 1}, "password": "[REDACTED]"',
    );
    expect(redactBody('<login><password>hunter2</password></login>', 'application/xml')).toBe(HIDDEN_BODY);
    expect(redactBody('{"note": "my token is x', undefined)).toBe(HIDDEN_BODY);
    expect(redactBody('plain text, nothing to hide', 'text/plain')).toBe('plain text, nothing to hide');
  });
});

describe('redactQuery', () => {
  it('should redact the value of every secret parameter and keep the others as written', () => {
    expect(redactQuery('/integrations?limit=2&access_token=flowyte_sk_1&cursor=a%2Bb')).toBe('/integrations?limit=2&access_token=%5BREDACTED%5D&cursor=a%2Bb');
    expect(redactQuery('/x?api_key=1&Key=2&code=3&sig=4&q=password')).toBe('/x?api_key=%5BREDACTED%5D&Key=%5BREDACTED%5D&code=%5BREDACTED%5D&sig=%5BREDACTED%5D&q=password');
    expect(redactQuery('/integrations/catalog')).toBe('/integrations/catalog');
  });
});

describe('secretValuesOf', () => {
  it('should read every credential value, nested and numeric ones too, and secret parameters', () => {
    const body = JSON.stringify({ credentials: { host: 'db', port: 5432, sslmode: 'require', ssl: { key: 'k-1' }, pin: 1234 }, apiKey: 'outside' });
    expect(secretValuesOf('/x?token=t-1&limit=2', body, 'application/json').sort()).toEqual(['1234', 'db', 'k-1', 'outside', 't-1']);
    expect(secretValuesOf('/x', 'credentials%5BapiKey%5D=a%20b', undefined)).toEqual(['a b']);
    expect(secretValuesOf('/x', '{"credentials": {"password": "cut-sec', undefined)).toEqual(['cut-sec']);
    expect(secretValuesOf('/x', '{"credentials":{"password":"[REDACTED]"}}', undefined)).toEqual([]);
  });
});

describe('SecretMask', () => {
  const mask = new SecretMask(['pg-secret-Zq81', 'Zq4w', 'a b&c', 'abc']);

  it('should mask a known value wherever it appears: as written, JSON-escaped, percent- or form-encoded', () => {
    expect(mask.mask('{"echo":"pg-secret-Zq81","pin":"Zq4w"}')).toBe('{"echo":"pg-…81","pin":"***"}');
    expect(mask.mask('/x?a=a%20b%26c&b=a+b%26c')).toBe('/x?a=***&b=***');
    // Shorter values are too common to mask: `abc` stays.
    expect(mask.mask('abc')).toBe('abc');
  });

  it('should leave the words of the contract alone', () => {
    expect(new SecretMask(['postgres', 'pg-secret-Zq81'], new Set(['postgres'])).mask('/integrations/postgres?q=pg-secret-Zq81')).toBe('/integrations/postgres?q=pg-…81');
  });

  it('should mask the start of a secret an excerpt was cut in', () => {
    expect(mask.mask('{"echo":"pg-sec', true)).toBe('{"echo":"***');
    expect(mask.mask('{"echo":"pg-sec', false)).toBe('{"echo":"pg-sec');
  });
});
