import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SUITES } from '../../contracts/index.js';
import { bodyMutations } from '../../contracts/support/mutations.js';
import { credentialSchemas } from '../../contracts/support/providers.js';
import { bodySchemaFor } from '../../contracts/support/requests.js';
import { parseTestConfig } from '../../src/contract/config.js';
import { loadContract } from '../../src/contract/contract.js';
import { arbitraryFor } from '../../src/contract/schema-arbitrary.js';
import { SuiteContext } from '../../src/contract/suite-context.js';
import { TargetClient } from '../../src/contract/target-client.js';
import { defaultSpecPath } from '../../src/spec/load-spec.js';
import { createAjv } from '../../src/validation/create-ajv.js';

async function context() {
  const contract = await loadContract(defaultSpecPath());
  const config = parseTestConfig({ target: 'http://127.0.0.1:9/api/v1', keys: [{ name: 'k', token: 't', org: 'o', scopes: [] }] }, 'test', {});
  return new SuiteContext(contract, config, new TargetClient(config.target), new Set());
}

describe('request generators', () => {
  it('should generate only bodies valid against their schema, for every operation and kind', async () => {
    const ctx = await context();
    const ajv = createAjv();
    for (const operation of ctx.contract.operations) {
      for (const kind of ctx.kinds) {
        const schema = bodySchemaFor(ctx, operation, kind);
        if (!schema) continue;
        const validate = ajv.compile(schema);
        for (const body of fc.sample(arbitraryFor(schema), 100)) expect(validate(body), `${operation.operationId} ${kind} ${JSON.stringify(body)}`).toBe(true);
      }
    }
  });

  it('should generate valid query parameters, including patterns such as tables', async () => {
    const ctx = await context();
    const ajv = createAjv();
    for (const operation of ctx.contract.operations) {
      for (const parameter of operation.parameters.filter((p) => p.in === 'query' && p.schema && p.schema.type === 'string')) {
        const validate = ajv.compile(parameter.schema!);
        for (const value of fc.sample(arbitraryFor(parameter.schema), 30)) expect(validate(value), `${parameter.name} ${String(value)}`).toBe(true);
      }
    }
  });

  it('should turn every valid body into invalid variants that name what they broke', async () => {
    const ctx = await context();
    const ajv = createAjv();
    const schema = bodySchemaFor(ctx, ctx.contract.operation('connectIntegration'), 'postgres')!;
    const [body] = fc.sample(arbitraryFor(schema), { seed: 1, numRuns: 1 });
    const mutations = bodyMutations(schema, body);
    const validate = ajv.compile(schema);
    expect(mutations.map((m) => m.field)).toEqual(expect.arrayContaining(['credentials.host', 'credentials.port', 'credentials.sslmode', 'credentials.unexpected_field']));
    for (const mutation of mutations) expect(validate(mutation.value), mutation.description).toBe(false);
  });

  it('should narrow connect credentials to the kind named in x-credentials-schema', async () => {
    const ctx = await context();
    expect(Object.keys(credentialSchemas(ctx)).sort()).toEqual(['mysql', 'postgres', 'shopify']);
    expect(SUITES.map((suite) => suite.id)).toContain('stateful');
  });
});
