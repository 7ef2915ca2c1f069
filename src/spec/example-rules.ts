import type { MediaTypeObject } from './openapi-types.js';
import type { SpecOperation } from './operations.js';
import type { LintRule } from './lint-rules.js';
import { finding, findingAt, isSuccessStatus, responsesWhere } from './lint-findings.js';
import { isObject } from '../is-object.js';

/** The contract rules over the examples of request and response bodies, in the order they are reported. */
export const EXAMPLE_RULES: readonly LintRule[] = [
  {
    id: 'examples-valid',
    title: 'every request and response example validates against its media type schema',
    check(operation, { schemas }) {
      return bodiesOf(operation).flatMap(([where, content]) =>
        Object.entries(content).flatMap(([type, media]) => {
          const { schema } = media;
          if (schema === undefined) return [];
          return examplesOf(media).flatMap(([label, value]) => {
            const problem = schemas.check(schema, value);
            if (problem === undefined) return [];
            return [findingAt('examples-valid', operation, where, `${type} ${label} is invalid: ${problem}`)];
          });
        }),
      );
    },
  },
  {
    id: 'success-example',
    title: 'every 2xx response body has at least one named example (examples.<name>)',
    check(operation) {
      return responsesWhere(operation, isSuccessStatus).flatMap(([status, response]) =>
        Object.entries(response.content ?? {}).flatMap(([type, media]) => {
          const { example, examples } = exampleFields(media);
          if (isObject(examples) && Object.keys(examples).length > 0) return [];
          const lone = example === undefined ? '' : ' (only a lone `example`)';
          return [finding('success-example', operation, `${type} has no named example${lone}`, status)];
        }),
      );
    },
  },
];

type BodyContent = readonly [where: string, content: Readonly<Record<string, MediaTypeObject>>];

/** The request body's content and each response's, with where they sit (`requestBody`, `responses.200`). */
function bodiesOf(operation: SpecOperation): BodyContent[] {
  const bodies: BodyContent[] = [];
  const request = operation.requestBody?.content;
  if (request !== undefined) bodies.push(['requestBody', request]);
  for (const [status, response] of Object.entries(operation.responses)) {
    bodies.push([`responses.${status}`, response.content ?? {}]);
  }
  return bodies;
}

/**
 * A media type's examples, labelled as a finding names them: `example` for the lone one, `example "name"` for
 * each named one (its `$ref` already resolved). A named example with only an `externalValue` is not read.
 */
function examplesOf(media: MediaTypeObject): Array<[string, unknown]> {
  const { example, examples } = exampleFields(media);
  const found: Array<[string, unknown]> = example === undefined ? [] : [['example', example]];
  if (!isObject(examples)) return found;
  for (const [name, entry] of Object.entries(examples)) {
    if (isObject(entry) && 'value' in entry) found.push([`example "${name}"`, entry.value]);
  }
  return found;
}

// `MediaTypeObject` declares only what validation reads; the examples sit beside the schema.
function exampleFields(media: MediaTypeObject): { example?: unknown; examples?: unknown } {
  return {
    example: 'example' in media ? media.example : undefined,
    examples: 'examples' in media ? media.examples : undefined,
  };
}
