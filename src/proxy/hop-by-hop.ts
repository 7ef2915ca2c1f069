import type { IncomingHttpHeaders } from 'node:http';

/**
 * Headers that belong to one connection, not to the message (RFC 9110 §7.6.1), with `trailer` (RFC 9110 §6.6.2)
 * and the proxy's own concerns: `host` names the proxy (the client to the target gets the target's), `expect` is
 * answered here (Node sends the `100 Continue`), not forwarded, and `proxy-authorization` is a credential for the
 * first proxy on the way, this one (RFC 9110 §11.7.2): passing it on would hand it to the target.
 */
const HOP_BY_HOP = new Set(['connection', 'proxy-connection', 'keep-alive', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'expect', 'proxy-authorization']);

/** A message's headers as another connection may carry them: hop-by-hop ones, and those its `Connection` names, left out. */
export function endToEndHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined && !isHopByHop(name, headers.connection)) kept[name] = value;
  }
  return kept;
}

/**
 * Whether a header (its name in lower case, as Node gives it) stays with the connection: a hop-by-hop one, or
 * one the message's `Connection` header names (`close` and `keep-alive` among them: harmless to test).
 */
export function isHopByHop(name: string, connection: string | string[] | undefined): boolean {
  if (HOP_BY_HOP.has(name)) return true;
  if (connection === undefined || connection === 'keep-alive' || connection === 'close') return false;
  return (Array.isArray(connection) ? connection.join(',') : connection).split(',').some((option) => option.trim().toLowerCase() === name);
}

/** One value per header, as the validator and a HAR read them (repeated fields joined as HTTP allows). */
export function singleValued(headers: Readonly<Record<string, string | string[] | undefined>>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(name === 'set-cookie' ? '\n' : ', ') : value;
  }
  return flat;
}
