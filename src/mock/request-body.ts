import { bareMediaType } from '../spec/media-type.js';
import { problem, type Problem } from './problems.js';
import { MAX_BODY_BYTES } from './types.js';

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/;
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a JSON request body: 413 over 1 MiB, 415 for a body that is not JSON, 400 for bytes that are not
 * UTF-8 JSON. An empty body is `undefined` (whether one is required is the contract's business).
 */
export function readJsonBody(body: Uint8Array | undefined, contentType: string | undefined): { value: unknown } | Problem {
  if (body && body.length > MAX_BODY_BYTES) {
    return problem('payload_too_large', `The body is over the ${MAX_BODY_BYTES}-byte limit.`);
  }
  if (!body || body.length === 0) return { value: undefined };
  const mediaType = bareMediaType(contentType);
  if (!JSON_MEDIA_TYPE.test(mediaType)) {
    return problem('unsupported_media_type', `The body must be application/json, not ${mediaType || 'unlabelled'}.`, {
      errors: [{ field: 'Content-Type', message: 'must be application/json' }],
    });
  }
  try {
    return { value: JSON.parse(decoder.decode(body)) };
  } catch (error) {
    // V8's message quotes the body, which may hold credentials: keep only where it broke.
    const position = error instanceof SyntaxError ? /position (\d+)/.exec(error.message)?.[1] : undefined;
    const reason = !(error instanceof SyntaxError) ? ' (the body is not UTF-8)' : position ? ` (at byte ${position})` : '';
    return problem('malformed_json', `The body is not valid JSON${reason}.`, { errors: [{ field: 'body', message: 'is not valid JSON' }] });
  }
}
