import { describe, expect, it } from 'vitest';
import { redactCredentials, scrubBody } from '../../src/proxy/redaction.js';
import { SecretMemory } from '../../src/proxy/secret-memory.js';

const memoryOf = (...values: string[]) => {
  const memory = new SecretMemory();
  memory.remember(values);
  return memory;
};

describe('scrubBody', () => {
  it('should replace a remembered value in place, keeping the body as it was written', () => {
    const body = Buffer.from('{ "data": { "echo": "pw-1234-x" } }');
    expect(scrubBody(body, memoryOf('pw-1234-x')).toString()).toBe('{ "data": { "echo": "[REDACTED]" } }');
  });

  it('should keep a JSON body JSON when a value lands inside a number (the number is hidden whole)', () => {
    const scrubbed = scrubBody(Buffer.from('{"count":12345,"pin":"1234","id":1234,"other":99}'), memoryOf('1234'));
    expect(JSON.parse(scrubbed.toString())).toEqual({ count: '[REDACTED]', pin: '[REDACTED]', id: '[REDACTED]', other: 99 });
  });

  it('should leave a body without any remembered value untouched', () => {
    const body = Buffer.from([0xff, 0x00, 0xfe]);
    expect(scrubBody(body, memoryOf('secret-value'))).toBe(body);
  });
});

describe('redactCredentials', () => {
  it('should redact every credentials member, at any depth, but sslmode and port', () => {
    const text = JSON.stringify({ credentials: { password: 'x', port: '5432', sslmode: 'require' }, nested: [{ credentials: 'whole' }] });
    expect(JSON.parse(redactCredentials(text, false)!)).toEqual({ credentials: { password: '[REDACTED]', port: '5432', sslmode: 'require' }, nested: [{ credentials: '[REDACTED]' }] });
  });

  it('should keep a body that only mentions credentials as it was written', () => {
    expect(redactCredentials('{ "note": "credentials rotate monthly" }', false)).toBe('{ "note": "credentials rotate monthly" }');
  });

  it('should redact a body cut at the cap as far as it goes', () => {
    expect(redactCredentials('{"credentials":{"apiKey":"shpat_cut_sh', true)).toBe('{"credentials":{"apiKey":"[REDACTED]"');
  });

  it('should give up on text that names credentials but is no JSON (a form): it cannot be redacted for certain', () => {
    expect(redactCredentials('credentials%5BapiKey%5D=shpat_form_value', false)).toBeUndefined();
  });
});
