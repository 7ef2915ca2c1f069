import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate, inflateRaw } from 'node:zlib';

type Decoder = (bytes: Buffer, options: { maxOutputLength: number }) => Promise<Buffer>;

const DECODERS: Readonly<Record<string, Decoder>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  br: promisify(brotliDecompress),
  // `deflate` is zlib-wrapped by the RFC, raw from some servers: both are read.
  deflate: async (bytes, options) => promisify(inflate)(bytes, options).catch(() => promisify(inflateRaw)(bytes, options)),
};

/**
 * An Accept-Encoding the proxy can read the answer of: the client's, without the codings Node cannot decode
 * (zstd on Node 20), so that a compressed answer is still validated. The answer goes back as the target
 * encoded it.
 */
export function decodableAcceptEncoding(value: string): string {
  return value
    .split(',')
    .filter((part) => {
      const coding = part.split(';')[0]!.trim().toLowerCase();
      return coding === '' || coding === 'identity' || coding === '*' || coding in DECODERS;
    })
    .join(',');
}

/** A body with its content-encoding undone, or why it could not be. */
export type DecodedBody = { readonly bytes: Buffer } | { readonly notDecoded: string };

/** The codings a message's Content-Encoding lists, `identity` aside (none: an empty string). */
export function contentCodings(contentEncoding: string | string[] | undefined): string {
  const value = Array.isArray(contentEncoding) ? contentEncoding.join(',') : (contentEncoding ?? '');
  return value
    .split(',')
    .map((coding) => coding.trim())
    .filter((coding) => coding && coding.toLowerCase() !== 'identity')
    .join(', ');
}

/**
 * The body as the contract describes it: decoded when the target compressed it, up to `cap` bytes decoded (a
 * small body that inflates past it is not judged). Answers why not, when it cannot be decoded.
 */
export async function decodedBody(bytes: Buffer, contentEncoding: string | undefined, cap: number): Promise<DecodedBody> {
  const codings = (contentEncoding ?? '').split(',').map((coding) => coding.trim().toLowerCase()).filter((coding) => coding && coding !== 'identity');
  let decoded = bytes;
  // Codings apply in the order listed: the last one applied is undone first.
  for (const coding of codings.reverse()) {
    const decoder = DECODERS[coding];
    if (!decoder) return { notDecoded: `content-encoding ${coding} not decoded` };
    try {
      decoded = await decoder(decoded, { maxOutputLength: cap });
    } catch (error) {
      const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
      return { notDecoded: tooLarge ? `body over the ${cap}-byte cap once decoded (${coding})` : `content-encoding ${coding} could not be decoded` };
    }
  }
  return { bytes: decoded };
}
