import { randomUUID } from 'node:crypto';
import type { ConfiguredKey } from '../../src/contract/config.js';
import type { Exchange } from '../../src/contract/exchange.js';
import type { SuiteContext } from '../../src/contract/suite-context.js';
import { PLAIN_CREDENTIAL_FIELDS } from '../../src/traffic/har.js';
import { connectionList } from './pages.js';

export const ADMIN_SCOPES = ['integrations:read', 'integrations:write', 'integrations:connect'];

/** The JSON `data` of a 2xx envelope, or undefined. */
export function dataOf(exchange: Exchange): any {
  const body = exchange.response.json as { data?: unknown } | undefined;
  return exchange.response.status < 300 ? body?.data : undefined;
}

/** Remembers the credential values a request is about to submit; sslmode and port are no secrets. */
export function submitCredentials(context: SuiteContext, credentials: Readonly<Record<string, unknown>>): void {
  for (const [field, value] of Object.entries(credentials)) {
    if (typeof value === 'string' && !PLAIN_CREDENTIAL_FIELDS.has(field)) context.submitSecret(value);
  }
}

/** Connects `kind` with credentials, which no later response may then contain. */
export async function connectWith(context: SuiteContext, key: ConfiguredKey, kind: string, credentials: Record<string, string>): Promise<Exchange> {
  submitCredentials(context, credentials);
  return context.call('connectIntegration', { key, params: { kind }, json: { credentials } });
}

/** Lists the org's connections as kind → status, or undefined when the list cannot be read. */
export async function listConnections(context: SuiteContext, key: ConfiguredKey): Promise<Map<string, string> | undefined> {
  const list = await connectionList(context, key);
  return list ? new Map(list.map((c) => [c.kind, c.status])) : undefined;
}

/** A name no earlier run (of this process or another) has used: skills stay on the agent between runs. */
export const RUN_NONCE = randomUUID().slice(0, 8);
