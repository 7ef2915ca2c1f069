import { isUtf8 } from 'node:buffer';
import type { HarContent, HarPostData } from '../traffic/har.js';
import type { DecodedBody } from './content-decoding.js';
import { parsedJson, redactCredentials, scrubBody } from './redaction.js';
import type { SecretMemory } from './secret-memory.js';

/** A body as far as the proxy kept it: whole, or its first cap bytes. */
export interface KeptBody {
  readonly bytes: Buffer;
  /** The body's size on the wire, when known (a streamed body is counted as it goes). */
  readonly size: number;
  /** Only the first `bytes` were kept: the body was over the cap. */
  readonly cut: boolean;
}

/** A request body as kept, with its content-encoding undone when it had one. */
export interface KeptRequestBody extends KeptBody {
  readonly decoded?: DecodedBody;
}

/** What a recording holds of a request body, and what its entry's comment says of it. */
export interface RecordedPostData {
  readonly postData?: HarPostData;
  /** The recorded body's length in bytes, after redaction. */
  readonly recordedBytes?: number;
  readonly note?: string;
}

/**
 * A request body as a recording keeps it, its `credentials` redacted whatever its content type or encoding: bytes
 * are read as JSON when they are (after undoing a gzip, deflate or br content-encoding), and redacted. A body that
 * cannot be redacted for certain (an encoding not undone; one that names credentials but is not JSON) is recorded
 * without its text, and the note says why.
 */
export function recordedPostData(body: KeptRequestBody, mimeType: string, memory: SecretMemory): RecordedPostData {
  const notRecorded = (why: string): RecordedPostData => ({ note: `the request body (${body.size} bytes) is not recorded: ${why}, so its credentials could not be redacted` });
  if (body.decoded && 'notDecoded' in body.decoded) return notRecorded(body.decoded.notDecoded);
  const bytes = body.decoded ? body.decoded.bytes : body.bytes;
  const cut = body.cut && !body.decoded;
  const note = body.decoded ? 'the request body is recorded decoded (it was sent with a content-encoding)' : undefined;
  const text = utf8Text(bytes, cut);
  if (text !== undefined && (isTextual(mimeType) || parsedJson(bytes))) {
    const redacted = redactCredentials(text, cut);
    if (redacted === undefined) return notRecorded('it names credentials but is not JSON');
    const recorded = scrubBody(Buffer.from(redacted), memory);
    return { postData: { mimeType, text: recorded.toString('utf8') }, recordedBytes: recorded.length, ...(note ? { note } : {}) };
  }
  if (bytes.includes('credentials')) return notRecorded('it names credentials but is not JSON');
  const recorded = scrubBody(bytes, memory);
  return { postData: { mimeType, text: recorded.toString('base64'), encoding: 'base64' }, recordedBytes: recorded.length, ...(note ? { note } : {}) };
}

/** An answer's body as a recording keeps it: every remembered value replaced; text or base64. */
export function recordedContent(body: KeptBody | undefined, mimeType: string, memory: SecretMemory): HarContent {
  if (!body || body.bytes.length === 0) return { size: body?.size ?? 0, mimeType };
  const bytes = scrubBody(body.bytes, memory);
  const text = isTextual(mimeType) ? utf8Text(bytes, body.cut) : undefined;
  return {
    // Whole, the size is the recorded body's, after redaction: a reader that finds the text shorter than the size
    // takes the body for cut and judges it no further (check --har does); cut, the size on the wire says by how much.
    size: body.cut ? body.size : bytes.length,
    mimeType,
    ...(text !== undefined ? { text } : { text: bytes.toString('base64'), encoding: 'base64' }),
    ...(body.cut ? { comment: `cut: the body was ${sizeText(body)}; its first ${body.bytes.length} bytes are recorded, and it was not validated` } : {}),
  };
}

export const sizeText = (body: KeptBody) => (body.size > body.bytes.length ? `${body.size} bytes` : `over ${body.bytes.length} bytes`);

const isTextual = (mimeType: string) => mimeType === '' || /json|^text\/|xml|javascript|x-www-form-urlencoded/i.test(mimeType);

/** The bytes as UTF-8 text, or undefined; a body cut at the cap may end mid-character, which is left off. */
function utf8Text(bytes: Buffer, cut: boolean): string | undefined {
  for (let trim = 0; trim <= (cut ? 3 : 0) && trim < bytes.length; trim++) {
    const candidate = trim ? bytes.subarray(0, bytes.length - trim) : bytes;
    if (isUtf8(candidate)) return candidate.toString('utf8');
  }
  return bytes.length === 0 ? '' : undefined;
}
