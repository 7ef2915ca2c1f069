import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { violationsHeader } from '../../src/proxy/violations-header.js';
import type { Violation } from '../../src/traffic/traffic-validator.js';

const violation = (message: string, check: Violation['check'] = 'response_schema'): Violation => ({ check, location: 'response.body', severity: 'error', message });

describe('violationsHeader', () => {
  it('should be the JSON list of {check, location, severity, message}', () => {
    const list = [violation('data/0/status must be equal to one of the allowed values'), { ...violation('a 401 without WWW-Authenticate: Bearer', 'www_authenticate'), severity: 'warning' as const, location: 'response.headers.www-authenticate' }];
    expect(JSON.parse(violationsHeader(list))).toEqual(list);
  });

  it('should always be a valid header value: printable ASCII, at most 8 KiB, and JSON that reads back', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 3000 }), { maxLength: 40 }), (messages) => {
        const header = violationsHeader(messages.map((message) => violation(message)));
        expect(header).toMatch(/^[\x20-\x7e]*$/);
        expect(header.length).toBeLessThanOrEqual(8 * 1024);
        const parsed = JSON.parse(header) as Array<{ check: string; message: string }>;
        const shown = parsed.filter((entry) => entry.check !== 'more_violations');
        // Each shown message reads back as it was, or as its first 500 characters.
        shown.forEach((entry, i) => expect(messages[i]!.startsWith(entry.message.replace(/…$/, ''))).toBe(true));
        const more = parsed.find((entry) => entry.check === 'more_violations');
        expect(shown.length + (more ? Number(/^(\d+) more/.exec(more.message)![1]) : 0)).toBe(messages.length);
      }),
    );
  });

  it('should end a list cut short with an entry saying how many more the log holds', () => {
    const parsed = JSON.parse(violationsHeader(Array.from({ length: 100 }, (_, i) => violation(`violation ${i} ${'x'.repeat(200)}`))));
    expect(parsed.at(-1)).toEqual({ check: 'more_violations', location: 'response', severity: 'warning', message: `${100 - (parsed.length - 1)} more not shown: see the proxy's log` });
  });
});
