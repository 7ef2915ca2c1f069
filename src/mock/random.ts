import { toBase64url } from './base64url.js';

// Ids, OAuth states and generated passwords from Web Crypto (globalThis.crypto, in Node 20+ as in browsers),
// not node:crypto, so that the core runs in a browser bundle too.

function randomBytes(length: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

/** `length` random bytes as lower-case hex. */
export function randomHex(length: number): string {
  return Array.from(randomBytes(length), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** `length` random bytes as unpadded base64url. */
export function randomBase64url(length: number): string {
  return toBase64url(randomBytes(length));
}
