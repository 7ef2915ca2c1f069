import type { SentRequest } from './exchange.js';

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** The environment variable a report asks for in place of a key's token. */
export function keyVariable(keyName: string): string {
  return `FLOWYTE_KEY_${keyName.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

/** A request with its key replaced by a reference to an environment variable: reports never hold a token. */
export function redactRequest(request: SentRequest): SentRequest {
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
  if (request.body !== undefined) parts.push('--data-raw', quote(request.body));
  return parts.join(' ');
}
