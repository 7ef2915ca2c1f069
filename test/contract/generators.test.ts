import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SUITES } from '../../contracts/index.js';
import { MAX_CA_COPIES } from '../../contracts/support/ca-bundle.js';
import { bodyMutations, valueBoundMutations } from '../../contracts/support/mutations.js';
import { credentialSchemas } from '../../contracts/support/providers.js';
import { bodySchemaFor } from '../../contracts/support/requests.js';
import { credentialsAtBounds, credentialsFor, sqlDescriptor } from '../../contracts/support/secrets.js';
import { MAX_VARIANTS_PER_RUN, sampleVariants, type InvalidRequest } from '../../contracts/support/variant-sample.js';
import { biased, BOUNDARY_SHARE, BOUNDARY_TEXTS } from '../../src/contract/boundary-values.js';
import { parseTestConfig } from '../../src/contract/config.js';
import { loadContract } from '../../src/contract/contract.js';
import { declaredBounds } from '../../src/contract/declared-bounds.js';
import { arbitraryFor, valuesFor } from '../../src/contract/schema-arbitrary.js';
import { SuiteContext } from '../../src/contract/suite-context.js';
import { TargetClient } from '../../src/contract/target-client.js';
import { defaultSpecPath } from '../../src/spec/load-spec.js';
import type { JsonSchema } from '../../src/spec/openapi-types.js';
import { createAjv } from '../../src/validation/create-ajv.js';
import { boundsReached, boundsToReach, isMutationOfItsBound, mutatedBounds } from './support/bounds.js';

async function context() {
  const contract = await loadContract(defaultSpecPath());
  const config = parseTestConfig({ target: 'http://127.0.0.1:9/api/v1', keys: [{ name: 'k', token: 't', org: 'o', scopes: [] }] }, 'test', {});
  return new SuiteContext(contract, config, new TargetClient(config.target), new Set());
}

/** Every distinct request body schema, named by operation and kind (connect's differs by kind). */
function bodySchemas(ctx: SuiteContext): Array<[string, JsonSchema]> {
  const seen = new Map<string, [string, JsonSchema]>();
  for (const operation of ctx.contract.operations) {
    for (const kind of ctx.kinds) {
      const schema = bodySchemaFor(ctx, operation, kind);
      if (schema && !seen.has(JSON.stringify(schema))) seen.set(JSON.stringify(schema), [`${operation.operationId} ${kind}`, schema]);
    }
  }
  return [...seen.values()];
}

/** Sampling whole bodies (a binding at its bounds is some hundred kilobytes) takes seconds on a busy machine. */
const SAMPLING_TIMEOUT = 30_000;

const queryParameters = (ctx: SuiteContext) => ctx.contract.operations.flatMap((operation) => operation.parameters.filter((p) => p.in === 'query' && p.schema));

describe('request generators', () => {
  it('should generate only bodies valid against their schema, for every operation and kind', async () => {
    const ctx = await context();
    const ajv = createAjv();
    for (const [name, schema] of bodySchemas(ctx)) {
      const validate = ajv.compile(schema);
      for (const body of fc.sample(arbitraryFor(schema), { seed: 3, numRuns: 100 })) expect(validate(body), `${name} ${JSON.stringify(body).slice(0, 300)}`).toBe(true);
    }
  }, SAMPLING_TIMEOUT);

  it('should generate valid query parameters, including patterns such as tables', async () => {
    const ctx = await context();
    const ajv = createAjv();
    for (const parameter of queryParameters(ctx)) {
      const validate = ajv.compile(parameter.schema!);
      for (const value of fc.sample(arbitraryFor(parameter.schema), { seed: 3, numRuns: 60 })) expect(validate(value), `${parameter.name} ${String(value)}`).toBe(true);
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
    expect(mutations.map((m) => `${m.field}: ${m.description}`)).toEqual(expect.arrayContaining(['credentials.password: 1025 characters, one over maxLength 1024', 'credentials.host: 0 characters, one under minLength 1']));
    for (const mutation of mutations) expect(validate(mutation.value), mutation.description).toBe(false);
  });

  it('should narrow connect credentials to the kind named in x-credentials-schema', async () => {
    const ctx = await context();
    expect(Object.keys(credentialSchemas(ctx)).sort()).toEqual(['mysql', 'postgres', 'shopify']);
    expect(SUITES.map((suite) => suite.id)).toContain('stateful');
  });
});

describe('boundary values', () => {
  it('should draw one value in BOUNDARY_ONE_DRAW_IN at the bounds, credentials included', () => {
    const share = (values: boolean[]) => values.filter(Boolean).length / values.length;
    expect(share(fc.sample(biased(fc.constant(false), fc.constant(true)), { seed: 1, numRuns: 4000 }))).toBeCloseTo(BOUNDARY_SHARE, 1);
    // Ordinary secrets are at most 24 characters; at the bounds an apiKey is 3,000 to 4,096, a password 24 to 1,024.
    expect(share(fc.sample(credentialsFor('shopify'), { seed: 2, numRuns: 4000 }).map((c) => c.apiKey!.length >= 3000))).toBeCloseTo(BOUNDARY_SHARE, 1);
    expect(share(fc.sample(sqlDescriptor, { seed: 3, numRuns: 2000 }).map((c) => c.password!.length > 24 || 'ca_pem' in c))).toBeCloseTo(BOUNDARY_SHARE, 1);
  }, SAMPLING_TIMEOUT);

  it('should keep boundary values valid against their schemas: bodies, query parameters and credentials', async () => {
    const ctx = await context();
    const ajv = createAjv();
    for (const [name, schema] of bodySchemas(ctx)) {
      const validate = ajv.compile(schema);
      for (const body of fc.sample(valuesFor(schema, 'boundary'), { seed: 4, numRuns: 40 })) expect(validate(body), `${name} ${JSON.stringify(body).slice(0, 300)}`).toBe(true);
    }
    for (const parameter of queryParameters(ctx)) {
      const validate = ajv.compile(parameter.schema!);
      for (const value of fc.sample(valuesFor(parameter.schema, 'boundary'), { seed: 4, numRuns: 60 })) expect(validate(value), `${parameter.name} ${String(value)}`).toBe(true);
    }
    for (const [kind, schema] of Object.entries(credentialSchemas(ctx))) {
      const validate = ajv.compile(schema);
      for (const credentials of fc.sample(credentialsAtBounds(kind), { seed: 4, numRuns: 40 })) expect(validate(credentials), `${kind} ${JSON.stringify(credentials).slice(0, 300)}`).toBe(true);
    }
  }, SAMPLING_TIMEOUT);

  it('should reach every bound of every body and query parameter in a deterministic sample, and every enum value', async () => {
    const ctx = await context();
    for (const [name, schema] of bodySchemas(ctx)) {
      const reached = boundsReached(schema, fc.sample(valuesFor(schema, 'boundary'), { seed: 5, numRuns: 50 }));
      expect([...boundsToReach(schema)].filter((bound) => !reached.has(bound)), name).toEqual([]);
    }
    for (const parameter of queryParameters(ctx)) {
      const reached = boundsReached(parameter.schema!, fc.sample(valuesFor(parameter.schema, 'boundary'), { seed: 5, numRuns: 60 }));
      expect([...boundsToReach(parameter.schema!)].filter((bound) => !reached.has(bound)), parameter.name).toEqual([]);
    }
  }, SAMPLING_TIMEOUT);

  it('should make every kind of text: beyond the BMP, combining marks, right-to-left, whitespace only', () => {
    const texts = fc.sample(valuesFor({ type: 'string', maxLength: 64 }, 'boundary'), { seed: 6, numRuns: 200 }) as string[];
    expect(texts.some((t) => /[\u{10000}-\u{10FFFF}]/u.test(t))).toBe(true);
    expect(texts.some((t) => /\p{M}/u.test(t))).toBe(true);
    expect(texts.some((t) => /[\u0590-\u06FF]/u.test(t))).toBe(true);
    expect(texts.some((t) => t.length > 0 && t.trim() === '')).toBe(true);
    expect(Object.keys(BOUNDARY_TEXTS)).toHaveLength(5);
  });

  it('should submit credentials at their maxLength that stay distinctive, with a public host name and a real CA bundle', async () => {
    const ctx = await context();
    const longest = (kind: string, field: string) => Math.max(...fc.sample(credentialsAtBounds(kind), { seed: 7, numRuns: 60 }).map((c) => Array.from(c[field] ?? '').length));
    const sql = credentialSchemas(ctx).postgres!.properties as Record<string, { maxLength?: number }>;
    expect(longest('shopify', 'apiKey')).toBe(4096);
    for (const field of ['host', 'password']) expect(longest('postgres', field), field).toBe(sql[field]!.maxLength);
    // Names at the longest both engines take (PostgreSQL 63 bytes, MySQL 32 for a user), which the contract lets a server hold to.
    expect([longest('postgres', 'database'), longest('postgres', 'user')]).toEqual([63, 32]);
    expect(longest('postgres', 'ca_pem')).toBeGreaterThan(sql.ca_pem!.maxLength! - sql.ca_pem!.maxLength! / MAX_CA_COPIES);
    for (const credentials of fc.sample(credentialsAtBounds('postgres'), { seed: 8, numRuns: 100 })) {
      expect(credentials.host).toMatch(/^host-[a-z0-9]+(\.[a-z0-9]{1,63})*\.example\.com$/);
      expect(credentials.host!.split('.').every((label) => label.length <= 63)).toBe(true);
      expect(['require', 'verify-ca', 'verify-full']).toContain(credentials.sslmode);
      expect(Number(credentials.port)).toBeGreaterThanOrEqual(1);
      if (credentials.ca_pem) expect(credentials.sslmode).not.toBe('require');
      // Long enough to be tracked, and nothing a JSON encoder would escape: a leak is found verbatim.
      for (const field of ['database', 'user', 'password']) expect(credentials[field]).toMatch(/^[A-Za-z0-9_]{8,}$/);
    }
  }, SAMPLING_TIMEOUT);
});

describe('invalid variants at the bounds', () => {
  it('should make every mutation invalid, and name a bound it truly broke', async () => {
    const ctx = await context();
    const ajv = createAjv();
    for (const [name, schema] of bodySchemas(ctx)) {
      const validate = ajv.compile(schema);
      for (const mode of ['ordinary', 'boundary'] as const) {
        for (const body of fc.sample(valuesFor(schema, mode), { seed: 9, numRuns: 20 })) {
          for (const mutation of bodyMutations(schema, body)) {
            expect(validate(mutation.value), `${name} ${mutation.field}: ${mutation.description}`).toBe(false);
            if (mutation.bound) expect(isMutationOfItsBound(schema, mutation), `${name} ${mutation.field}: ${mutation.description}`).toBe(true);
          }
        }
      }
    }
  }, SAMPLING_TIMEOUT);

  it('should break every bound a body declares, in a deterministic sample', async () => {
    const ctx = await context();
    // Under an anyOf (an oauth2 connect's unnarrowed credentials) no mutation can tell which branch it breaks.
    for (const [name, schema] of bodySchemas(ctx).filter(([, s]) => !JSON.stringify(s).includes('"anyOf"'))) {
      const bodies = fc.sample(valuesFor(schema, 'boundary'), { seed: 10, numRuns: 40 });
      const broken = mutatedBounds(bodies.flatMap((body) => bodyMutations(schema, body)));
      const expected = declaredBounds(schema).filter((b) => !((b.keyword === 'minLength' || b.keyword === 'minItems') && b.value === 0)).map((b) => `${b.path} ${b.keyword}`);
      expect([...new Set(expected)].filter((bound) => !broken.has(bound)), name).toEqual([]);
    }
  }, SAMPLING_TIMEOUT);

  it('should put query parameters one past their bounds, an empty string never', async () => {
    const ctx = await context();
    const limit = queryParameters(ctx).find((p) => p.name === 'limit')!;
    const cursor = queryParameters(ctx).find((p) => p.name === 'cursor')!;
    expect(valueBoundMutations(limit.schema!).map((m) => `${String(m.value)}: ${m.description}`)).toEqual(['0: 0, one under minimum 1', '101: 101, one over maximum 100']);
    expect(valueBoundMutations(cursor.schema!).map((m) => m.description)).toEqual(['201 characters, one over maxLength 200']);
  });

  it('should send a bounded sample of variants, the same for the same draw, half of them bounds', () => {
    const variants: InvalidRequest[] = Array.from({ length: 40 }, (_, i) => ({ broke: `v${i}`, bound: i % 4 === 0, options: {} }));
    expect(sampleVariants(variants.slice(0, MAX_VARIANTS_PER_RUN), 5)).toHaveLength(MAX_VARIANTS_PER_RUN);
    for (const draw of [1, 2, 3, 4, 1234567]) {
      const sample = sampleVariants(variants, draw);
      expect(sample).toHaveLength(MAX_VARIANTS_PER_RUN);
      expect(sampleVariants(variants, draw)).toEqual(sample);
      // One draw in four sends every bound variant first; the others take bounds and the rest in turn.
      expect(sample.filter((v) => v.bound)).toHaveLength(draw % 4 === 0 ? 10 : MAX_VARIANTS_PER_RUN / 2);
    }
  });
});
