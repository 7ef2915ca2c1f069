// base64url (RFC 4648 §5, unpadded, as Node's Buffer spells it) with the web platform's btoa/atob, which
// Node, browsers and service workers all have: the core runs in each of them.

export function toBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes a base64url text spells, or undefined when it is not base64url. */
export function fromBase64url(text: string): Uint8Array | undefined {
  // atob would also take '+', '/', padding and spaces; a length of 4n+1 spells no whole byte.
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
