import { headOf } from './capped-body.js';
import { contentCodings, decodedBody } from './content-decoding.js';
import type { ExchangeState } from './exchange-outcome.js';

/** Undoes the request's content-encoding, for the recording (and the credentials it carries): as far as the cap. */
export async function decodeRequest(state: ExchangeState): Promise<void> {
  const coding = contentCodings(state.req.headers['content-encoding']);
  const read = state.requestRead;
  if (!coding || !read) return;
  state.requestDecoded = read.whole ? await decodedBody(headOf(read, state.cap), coding, state.cap) : { notDecoded: `it was sent with content-encoding ${coding} and is over the ${state.cap}-byte cap` };
}

/**
 * The request body as read (up to the cap), its content-encoding undone; as it came when that could not be done (a
 * client that says gzip and sends plain text), so that the credentials it shows are still found.
 */
export function plainRequestBody(state: ExchangeState): Buffer | undefined {
  if (!state.requestRead) return undefined;
  if (state.requestDecoded && 'bytes' in state.requestDecoded) return state.requestDecoded.bytes;
  return headOf(state.requestRead, state.cap);
}
