import fc from 'fast-check';
import type { Suite } from '../src/contract/suite.js';
import { credentialKinds, SQL_KINDS } from './support/providers.js';
import { credentialsFor, distinctiveSecret, sqlDescriptor } from './support/secrets.js';
import { ADMIN_SCOPES, connectWith, submitCredentials } from './support/session.js';

/**
 * Submits distinctive credentials every way a client can (connect, a refused connect, a SQL test), then
 * reads everything back; the secret_non_disclosure response check looks for them in every answer.
 */
export const secretNonDisclosure: Suite = {
  id: 'secret_non_disclosure',
  skipReason: (context) => (context.keyWith(ADMIN_SCOPES) ? undefined : 'needs a key with integrations:read, write and connect'),
  property(context) {
    const keys = context.keysWith(ADMIN_SCOPES);
    const input = fc.constantFrom(...credentialKinds(context)).chain((kind) =>
      fc.tuple(fc.constant(kind), credentialsFor(kind), distinctiveSecret('refused'), sqlDescriptor),
    );
    return fc.asyncProperty(input, async ([kind, credentials, refusedSecret, tested]) =>
      context.runAs(keys, kind, async (key) => {
        await connectWith(context, key, kind, credentials);
        // A refused connect: the secret rides along in a body the server must reject (a numeric field); and a
        // SQL test, which stores nothing, beside it.
        context.submitSecret(refusedSecret);
        const sqlKind = SQL_KINDS.find((k) => context.kinds.includes(k));
        const refused = connectWith(context, key, kind, { ...credentials, apiKey: refusedSecret, port: 0 as unknown as string });
        if (sqlKind) submitCredentials(context, tested); // after the connect took its place: the test carries these
        const sqlTest = sqlKind ? context.call('testSqlConnection', { key, params: { kind: sqlKind }, json: { credentials: tested } }) : undefined;
        await Promise.all([refused, sqlTest]);
        await context.call('discoverIntegration', { key, params: { kind } });
        // The reads change nothing: they go side by side.
        await Promise.all([
          ...['listIntegrations', 'listIntegrationCatalog'].map((operationId) => context.call(operationId, { key })),
          ...['getIntegrationScoping', 'getIntegrationSchema', 'listIntegrationObjects'].map((operationId) => context.call(operationId, { key, params: { kind } })),
        ]);
      }),
    );
  },
};
