import type { SentRequest } from './exchange.js';
import { excerptRequest } from './request-excerpt.js';

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** The environment variable a report asks for in place of a key's token. */
export function keyVariable(keyName: string): string {
  return `FLOWYTE_KEY_${keyName.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

/**
 * A request with its key replaced by a reference to an environment variable (reports never hold a token), and a
 * long body cut to its excerpt.
 */
export function redactRequest(sent: SentRequest): SentRequest {
  const request = excerptRequest(sent);
  if (!request.headers.authorization) return request;
  const authorization = request.keyName && !request.keyName.startsWith('(')
    ? `Bearer $${keyVariable(request.keyName)}`
    : request.headers.authorization;
  return { ...request, headers: { ...request.headers, authorization } };
}

/** A copy-paste curl command for a (redacted) request; the key comes from an environment variable. */
export function toCurl(baseUrl: string, request: SentRequest): string {
  const parts = ['curl', '-i', '-X', request.method, quote(baseUrl + request.path)];
  for (const [name, value] of Object.entries(request.headers)) {
    // Double quotes around the key so the shell expands $FLOWYTE_KEY_…
    parts.push('-H', value.includes('$FLOWYTE_KEY_') ? `"${name}: ${value}"` : quote(`${name}: ${value}`));
  }
  if (request.body === undefined) return parts.join(' ');
  // A padded body is rebuilt: as many spaces as it was padded with, then its content (bash or zsh).
  if (request.padding !== undefined) return [...parts, '--data-binary', `@<(head -c ${request.padding} /dev/zero | tr '\\0' ' '; printf '%s' ${quote(request.body)})`].join(' ');
  parts.push('--data-raw', quote(request.body));
  return request.bodyBytes === undefined ? parts.join(' ') : `${parts.join(' ')}  # the body cut to its first ${request.body.length} characters of ${request.bodyBytes} bytes`;
}
