import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import { ToolError } from '../tool-errors.js';
import { compileRequestValidators } from '../validation/request-validators.js';
import { provideRequestValidators } from '../validation/validator-registry.js';
import type { OpenApiDocument } from './openapi-types.js';

/** The contract shipped with this package: the `openapi.yaml` at the package root. */
export function defaultSpecPath(): string {
  // Walk up from this module: it lives in src/spec when run from source and in dist/src/spec when built.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'openapi.yaml');
    if (existsSync(candidate) && existsSync(join(dir, 'package.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new ToolError('SPEC_NOT_FOUND', 'the packaged openapi.yaml was not found');
    dir = parent;
  }
}

/** Parses the raw document without dereferencing or validating it (for lint rules that need `$ref`s). */
export async function parseSpec(path: string): Promise<OpenApiDocument> {
  assertExists(path);
  try {
    return (await SwaggerParser.parse(resolve(path))) as unknown as OpenApiDocument;
  } catch (error) {
    throw new ToolError('SPEC_INVALID', `${path}: ${firstLine(error)}`);
  }
}

/**
 * Loads an OpenAPI 3.1 file, validates it against the OpenAPI schema and dereferences every `$ref`; a mock of
 * it compiles its request validators at run time. Throws a ToolError (SPEC_NOT_FOUND, SPEC_INVALID) with one
 * readable line.
 */
export async function loadSpec(path: string): Promise<OpenApiDocument> {
  assertExists(path);
  try {
    const document = (await SwaggerParser.validate(resolve(path))) as unknown as OpenApiDocument;
    provideRequestValidators(document, compileRequestValidators);
    return document;
  } catch (error) {
    const lines = messageLines(error);
    // A schema failure is a header and one `#/pointer message` line per problem; anything else (YAML
    // syntax, a broken $ref) is one line followed by a code frame, which is dropped.
    const pointed = lines.filter((line) => line.startsWith('#'));
    const details = pointed.length > 0 ? pointed : lines.slice(0, 1);
    throw new ToolError('SPEC_INVALID', `${path}: ${details.join('; ')}`, details);
  }
}

function assertExists(path: string): void {
  if (!existsSync(path)) throw new ToolError('SPEC_NOT_FOUND', `no such spec file: ${path}`);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unreadable';
}

function messageLines(error: unknown): string[] {
  const text = error instanceof Error ? error.message : String(error);
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}
