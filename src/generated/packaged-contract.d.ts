// The types of packaged-contract.js beside this file: the packaged openapi.yaml compiled at build time by
// src/build/compile-contract.ts (`npm run build`; from source, the tests' global set-up writes it when it is
// missing or stale). This declaration is written by hand and committed; the module is generated.
import type { CompiledRequestSchemas } from '../validation/operation-validator.js';

/** A hash of what the module was compiled from: openapi.yaml, the compiler and the schema code it uses. */
export declare const CONTRACT_HASH: string;

/** The validated, dereferenced openapi.yaml, as src/spec/document-graph.ts encodes it. */
export declare const DOCUMENT_GRAPH: string;

/** Each operation's request validators by operationId, as ajv standalone code. */
export declare const VALIDATORS: Readonly<Record<string, CompiledRequestSchemas>>;
