import type { ValidateFunction } from 'ajv';
import { bareMediaType } from '../spec/media-type.js';
import type { SpecOperation } from '../spec/operations.js';
import { createAjv } from './create-ajv.js';
import { toFieldErrors, type FieldError } from './field-errors.js';

/** What the contract says of one observed response. */
export type ResponseVerdict =
  | { kind: 'ok' }
  | { kind: 'undeclared_status'; declared: string[] }
  | { kind: 'undeclared_media_type'; declared: string[] }
  | { kind: 'schema_mismatch'; errors: FieldError[] };

/** Validates responses against the contract; every validator is compiled once, when this is created. */
export class ResponseValidators {
  private readonly operations = new Map<string, SpecOperation>();
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(operations: readonly SpecOperation[]) {
    const ajv = createAjv();
    for (const operation of operations) {
      this.operations.set(operation.operationId, operation);
      for (const [status, response] of Object.entries(operation.responses)) {
        for (const [mediaType, media] of Object.entries(response.content ?? {})) {
          if (media.schema) this.validators.set(key(operation.operationId, status, mediaType), ajv.compile(media.schema));
        }
      }
    }
  }

  /** Checks status, media type (parameters such as charset ignored) and body of a response. */
  check(operationId: string, status: number, contentType: string | undefined, body: unknown): ResponseVerdict {
    const operation = this.operations.get(operationId);
    if (!operation) throw new Error(`unknown operationId ${operationId}`);
    const statusKey = declaredStatus(Object.keys(operation.responses), status);
    if (!statusKey) return { kind: 'undeclared_status', declared: Object.keys(operation.responses) };
    const declaredMedia = Object.keys(operation.responses[statusKey]?.content ?? {});
    if (declaredMedia.length === 0) return { kind: 'ok' };
    const mediaType = bareMediaType(contentType);
    if (!declaredMedia.includes(mediaType)) return { kind: 'undeclared_media_type', declared: declaredMedia };
    const validate = this.validators.get(key(operationId, statusKey, mediaType));
    if (!validate || validate(body)) return { kind: 'ok' };
    return { kind: 'schema_mismatch', errors: toFieldErrors(validate.errors, '(body)') };
  }
}

/** The response key that covers a status: the exact code, then a range such as `4XX`, then `default`. */
export function declaredStatus(keys: readonly string[], status: number): string | undefined {
  const exact = String(status);
  const range = `${exact[0]}XX`;
  return keys.find((k) => k === exact) ?? keys.find((k) => k.toUpperCase() === range) ?? keys.find((k) => k === 'default');
}

function key(operationId: string, status: string, mediaType: string): string {
  return `${operationId} ${status} ${mediaType}`;
}
