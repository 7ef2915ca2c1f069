import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { contractHash, generatedHash } from '../../src/build/input-hash.js';
import { arbitraryFor } from '../../src/contract/schema-arbitrary.js';
import { CONTRACT_HASH } from '../../src/generated/packaged-contract.js';
import { INTEGRATION_KINDS } from '../../src/mock/types.js';
import { defaultSpecPath, loadSpec } from '../../src/spec/load-spec.js';
import type { OpenApiDocument } from '../../src/spec/openapi-types.js';
import { listOperations, type SpecOperation } from '../../src/spec/operations.js';
import { packagedDocument } from '../../src/spec/packaged-contract.js';
import type { OperationRequestValidator } from '../../src/validation/operation-validator.js';
import { requestSchemasOf } from '../../src/validation/request-schemas.js';
import { compileRequestValidators } from '../../src/validation/request-validators.js';
import { requestValidatorsOf } from '../../src/validation/validator-registry.js';

const ROOT = dirname(defaultSpecPath());

/** How many distinct objects and arrays a document graph holds (sharing makes it fewer than its uses). */
function distinctObjects(root: unknown): number {
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    Object.values(node).forEach(visit);
  };
  visit(root);
  return seen.size;
}

describe('the packaged contract', () => {
  let loaded: OpenApiDocument;
  let operations: SpecOperation[];
  beforeAll(async () => {
    loaded = await loadSpec(defaultSpecPath());
    operations = listOperations(loaded);
  });

  it('should be compiled from this tree\'s openapi.yaml and compiler (the global set-up refreshes it)', () => {
    expect(CONTRACT_HASH).toBe(contractHash(ROOT));
    expect(generatedHash(join(ROOT, 'src', 'generated', 'packaged-contract.js'))).toBe(CONTRACT_HASH);
  });

  it('should be the document swagger-parser loads, with the same objects shared', () => {
    const packaged = packagedDocument();
    expect(packaged).toEqual(loaded);
    expect(distinctObjects(packaged)).toBe(distinctObjects(loaded));
    expect(packagedDocument()).toBe(packaged);
  });

  it('should validate every request part exactly as the run-time compiler does', () => {
    const runtime = compileRequestValidators(operations);
    const precompiled = requestValidatorsOf(packagedDocument(), listOperations(packagedDocument()));
    expect([...precompiled.keys()]).toEqual([...runtime.keys()]);
    for (const operation of operations) {
      const schemas = requestSchemasOf(operation);
      const [ours, theirs] = [precompiled.get(operation.operationId)!, runtime.get(operation.operationId)!];
      expect([ours.bodyRequired, ours.bodyMediaTypes]).toEqual([theirs.bodyRequired, theirs.bodyMediaTypes]);
      const parameters = (schema: typeof schemas.path) =>
        fc.oneof(arbitraryFor(schema), fc.dictionary(fc.constantFrom(...Object.keys(schema.properties as object), 'other'), fc.oneof(fc.string(), fc.constantFrom('0', '20', '101', 'true'))));
      const bodies = fc.oneof(...Object.values(schemas.credentials).map(arbitraryFor), arbitraryFor(schemas.body), fc.anything());
      fc.assert(
        fc.property(parameters(schemas.path), parameters(schemas.query), bodies, fc.constantFrom(...INTEGRATION_KINDS), (path, query, body, kind) => {
          expect(verdicts(ours, path, query, body, kind)).toEqual(verdicts(theirs, path, query, body, kind));
        }),
        { numRuns: 60, seed: 8 },
      );
    }
  });
});

/** Every verdict of one validator on copies of the same inputs, and the inputs as it left them (coerced, defaults). */
function verdicts(validator: OperationRequestValidator, path: unknown, query: unknown, body: unknown, kind: string) {
  const [p, q, b] = structuredClone([path, query, body]) as [Record<string, unknown>, Record<string, unknown>, unknown];
  return {
    path: validator.validatePath(p),
    query: validator.validateQuery(q),
    body: validator.validateBody(b, { kind }),
    after: [p, q, b],
  };
}
