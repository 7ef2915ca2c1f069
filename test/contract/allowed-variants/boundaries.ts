import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { MockRequest, MockResponse } from '../../../src/mock/types.js';
import type { AllowedVariant } from '../allowed-variants.js';
import { parse, pathOf } from '../broken-variants/helpers.js';

/** Connect says "a missing or invalid credential field is a 400 whose errors[] names credentials.<field>". */
const invalidField = (request: MockRequest, field: string, message: string): MockResponse => ({
  status: 400,
  headers: { 'content-type': 'application/problem+json' },
  body: JSON.stringify({ type: 'about:blank', title: 'Validation failure', status: 400, detail: message, instance: pathOf(request), code: 'validation_error', errors: [{ field: `credentials.${field}`, message }] }),
});
const takesCredentials = (request: MockRequest) => request.method === 'POST' && /^\/api\/v1\/integrations\/[^/]+\/(connect|sql\/test)$/.test(pathOf(request));

/** PEM certificates one after another and nothing else, each one a certificate X.509 can read. */
function isCertificateBundle(pem: string): boolean {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (!blocks.length || pem.replace(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g, '').trim() !== '') return false;
  try {
    for (const block of blocks) new X509Certificate(block);
    return true;
  } catch {
    return false;
  }
}

/** An IP literal, or a host name as RFC 1123 spells one: at most 253 characters, labels of 1–63 letters, digits and inner hyphens. */
function isHostName(host: string): boolean {
  if (isIP(host.replace(/^\[|\]$/g, ''))) return true;
  const name = host.replace(/\.$/, '');
  return name.length <= 253 && name.split('.').every((label) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label));
}

/** Correct servers that check more of a credential than its length, as the descriptions allow. */
export const BOUNDARY_ALLOWED: readonly AllowedVariant[] = [
  {
    name: 'ca_pem must be PEM certificates ("optional PEM for verify-ca/verify-full"): anything else is a 400 naming credentials.ca_pem',
    checks: 'positive_data_acceptance,connect_semantics,secret_non_disclosure,stateful,tenant_isolation',
    handle: (core, request) => {
      const pem = parse(request)?.credentials?.ca_pem;
      if (takesCredentials(request) && typeof pem === 'string' && !isCertificateBundle(pem)) return invalidField(request, 'ca_pem', 'is not a PEM certificate bundle');
      return core.handle(request);
    },
  },
  {
    name: 'host must be a host name or an IP address (RFC 1123: labels of at most 63 letters, digits and hyphens): anything else is a 400 naming credentials.host',
    checks: 'positive_data_acceptance,connect_semantics,secret_non_disclosure,stateful,tenant_isolation',
    handle: (core, request) => {
      const host = parse(request)?.credentials?.host;
      if (takesCredentials(request) && typeof host === 'string' && !isHostName(host)) return invalidField(request, 'host', 'is not a host name or an IP address');
      return core.handle(request);
    },
  },
];
