import type { OpenApiDocument } from '../spec/openapi-types.js';
import type { SpecOperation } from '../spec/operations.js';
import type { OperationRequestValidator } from './operation-validator.js';

type RequestValidators = ReadonlyMap<string, OperationRequestValidator>;
type Source = (operations: readonly SpecOperation[]) => RequestValidators;

// Which validators serve a document depends on where it came from: the packaged contract brings its own,
// compiled at build time, and a file loaded with loadSpec has them compiled at run time. The core asks here
// by document, so that it imports neither ajv's compiler nor the generated module itself (a browser bundle
// and the CLI's start-up need the first one; a `--spec FILE` mock needs the second).
const sources = new WeakMap<OpenApiDocument, Source>();
const compiled = new WeakMap<OpenApiDocument, RequestValidators>();

/** Says how the request validators of `document` are obtained; `source` runs once, at the first core. */
export function provideRequestValidators(document: OpenApiDocument, source: Source): void {
  sources.set(document, source);
}

/** The request validators of a document loaded by loadSpec or taken from the packaged contract. */
export function requestValidatorsOf(document: OpenApiDocument, operations: readonly SpecOperation[]): RequestValidators {
  let validators = compiled.get(document);
  if (validators) return validators;
  const source = sources.get(document);
  if (!source) {
    // A programming error, not a user's: every document reaches the core through one of those two.
    throw new Error('the document has no request validators: load it with loadSpec() or use the packaged contract');
  }
  validators = source(operations);
  compiled.set(document, validators);
  return validators;
}
