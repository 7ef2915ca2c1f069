import type { OpenApiDocument } from './openapi-types.js';
import { packagedDocument } from './packaged-contract.js';

/**
 * The contract a mock serves: the packaged one, validated and compiled at build time, or a file the user gave
 * (`--spec FILE`), loaded and validated now. swagger-parser and ajv's compiler are imported only for the
 * second, so that the mock of the packaged contract starts without them.
 */
export async function mockDocument(specPath: string | undefined): Promise<OpenApiDocument> {
  if (specPath === undefined) return packagedDocument();
  const { loadSpec } = await import('./load-spec.js');
  return loadSpec(specPath);
}
