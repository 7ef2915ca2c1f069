/**
 * Calls the contract forbids, each of which must be a type error: `// @ts-expect-error` fails the check when
 * the line below it compiles, so this file proves the unions and enums of openapi.yaml reach the types.
 * Type-checked with walkthrough.ts by typed-client.test.ts.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from '@generated/flowyte-openapi';

const client = createClient<paths>({ baseUrl: 'http://127.0.0.1:4010/api/v1' });

export async function forbiddenCalls(): Promise<void> {
  // A SQL descriptor needs port, database, user, password and sslmode; an api_key one needs apiKey.
  await client.POST('/integrations/{kind}/connect', {
    params: { path: { kind: 'postgres' } },
    // @ts-expect-error credentials are neither ApiKeyCredentials nor a SqlConnectionDescriptor
    body: { credentials: { host: 'x' } },
  });

  // `sslmode: disable` is refused at the connect boundary.
  await client.POST('/integrations/{kind}/connect', {
    params: { path: { kind: 'postgres' } },
    body: {
      credentials: {
        host: 'db.example.com',
        port: '5432',
        database: 'appdb',
        user: 'flowyte_readonly',
        password: 'secret',
        // @ts-expect-error sslmode is one of require, verify-ca, verify-full
        sslmode: 'disable',
      },
    },
  });

  // The test endpoint takes only a SQL descriptor: an api key is not one.
  await client.POST('/integrations/{kind}/sql/test', {
    params: { path: { kind: 'postgres' } },
    // @ts-expect-error SqlTestRequest.credentials is a SqlConnectionDescriptor
    body: { credentials: { apiKey: 'shpat_example' } },
  });

  // A kind outside the IntegrationKind enum.
  // @ts-expect-error salesforce is not an IntegrationKind
  await client.GET('/integrations/{kind}/actions', { params: { path: { kind: 'salesforce' } } });

  // Provisioning takes a list of slugs.
  await client.POST('/agents/{agentId}/integrations/{kind}/provision', {
    params: { path: { agentId: 'agt_acme_demo', kind: 'google_calendar' } },
    // @ts-expect-error actions is an array
    body: { actions: 'check_availability' },
  });

  // A binding refuses unknown keys (a closed schema), so a misspelt option does not compile where the body is
  // typed. (openapi-fetch infers its `init` argument generically, and TypeScript checks excess keys only
  // against a declared type, so inside the call itself a misspelt optional key would pass unnoticed.)
  const binding: components['schemas']['BindingRequest'] = {
    toolName: 'find_customer',
    operation: 'findCustomersByEmail',
    // @ts-expect-error sqlSerach is not a BindingRequest field
    sqlSerach: { column: 'email', param: 'email' },
  };
  await client.POST('/agents/{agentId}/integrations/{kind}/bindings', {
    params: { path: { agentId: 'agt_acme_demo', kind: 'postgres' } },
    body: binding,
  });

  // An OAuth connect's answer may be `{ status }` instead: reading oauthUrl needs the narrowing.
  const { data } = await client.POST('/integrations/{kind}/connect', { params: { path: { kind: 'google_calendar' } } });
  if (data) {
    // @ts-expect-error oauthUrl is not on ConnectedResult
    const url: string = data.data.oauthUrl;
    void url;
  }

  // A connection's status is pending or connected.
  // @ts-expect-error 'failed' is not a ConnectionStatus
  const status: components['schemas']['ConnectionStatus'] = 'failed';
  void status;
}
