import type { JsonSchema } from '../../src/spec/openapi-types.js';
import type { SuiteContext } from '../../src/contract/suite-context.js';

// Documented facts: Google Calendar and Sheets connect through OAuth; Calendly, HubSpot, Square and OpenTable
// are reserved ("coming soon"); the kinds that take credentials, and their shapes, are the contract's
// `x-credentials-schema` on connect.
export const OAUTH_KINDS = ['google_calendar', 'google_sheets'] as const;
export const RESERVED_KINDS = ['calendly', 'hubspot', 'square', 'opentable'] as const;
export const SQL_KINDS = ['postgres', 'mysql'] as const;

/** Kind → the schema its `credentials` must meet, from the contract. */
export function credentialSchemas(context: SuiteContext): Record<string, JsonSchema> {
  return (context.contract.operation('connectIntegration').source['x-credentials-schema'] ?? {}) as Record<string, JsonSchema>;
}

/**
 * The kinds an operation is meaningful for: SQL kinds for the `/sql/` endpoints, and no reserved provider
 * (a reserved route may answer 403 or 404 before it looks at the key). Suites that judge one thing (the key,
 * the scope) send it only these, so that nothing else can be the reason for the answer.
 */
export function kindsFor(context: SuiteContext, operation: { pathTemplate: string }): string[] {
  const sql = operation.pathTemplate.includes('/sql/');
  return context.kinds.filter((kind) => (sql ? (SQL_KINDS as readonly string[]).includes(kind) : !(RESERVED_KINDS as readonly string[]).includes(kind)));
}

/** The kinds a suite can bring to `connected` by itself: the ones that take credentials. */
export function credentialKinds(context: SuiteContext): string[] {
  return Object.keys(credentialSchemas(context));
}
