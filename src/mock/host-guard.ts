import { isIP } from 'node:net';
import { ToolError } from '../tool-errors.js';
import type { Problem } from './problems.js';

/**
 * The DNS-rebinding guard of the HTTP server, as dev servers have one: a page on `evil.example` whose name
 * is re-pointed at 127.0.0.1 reaches the mock as same-origin, but its requests still say `Host: evil.example`.
 * So the mock answers only the names it is served under: `localhost` and its subdomains, any IP address
 * (rebinding needs a name), the `--host` it listens on, and the names given (`--allowed-host mock`, for a
 * Docker service; `.example.test` allows that domain and its subdomains). A request without Host (HTTP/1.0)
 * is answered. The in-process core has no such guard: no browser reaches it by name.
 */
export function createHostGuard(options: { listenHost?: string; allowedHosts?: readonly string[]; server?: 'mock' | 'proxy' } = {}): (host: string | undefined) => Problem | undefined {
  const server = options.server ?? 'mock';
  const exact = new Set<string>(['localhost']);
  const suffixes = ['.localhost'];
  for (const name of options.allowedHosts ?? []) {
    const host = parseAllowedHost(name);
    if (host.startsWith('.')) suffixes.push(host);
    exact.add(host.replace(/^\./, ''));
  }
  if (options.listenHost) exact.add(options.listenHost.toLowerCase());

  // A client sends the same Host on every request: remembering the last one allowed spares the parsing.
  let lastAllowed: string | undefined;
  return (header) => {
    if (header === undefined || header === '' || header === lastAllowed) return undefined;
    const name = hostName(header);
    if (name !== undefined && (isIP(name) !== 0 || exact.has(name) || suffixes.some((suffix) => name.endsWith(suffix)))) {
      lastAllowed = header;
      return undefined;
    }
    const shown = header.length > 100 ? `${header.slice(0, 100)}…` : header;
    return {
      status: 403,
      code: 'host_not_allowed',
      title: 'Host not allowed',
      detail: `This ${server} is not served under the name "${shown}". If it is yours, start the ${server} with --allowed-host ${name ?? '<name>'}.`,
      errors: [{ field: 'Host', message: `is not a name this ${server} is served under` }],
    };
  };
}

/** An `--allowed-host` value: a host name, lower-cased; a leading dot allows the subdomains too. */
export function parseAllowedHost(text: string): string {
  const name = text.trim().toLowerCase();
  if (!/^\.?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$/.test(name) || name.length > 253) {
    throw new ToolError('USAGE', `--allowed-host must be a host name such as mock or .example.test, not "${text.slice(0, 80)}"`);
  }
  return name.replace(/\.$/, '');
}

/** The name of a Host header without its port (and without the brackets of an IPv6 literal), or undefined when it is no host. */
function hostName(header: string): string | undefined {
  const match = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9_.-]+))(?::\d{1,5})?$/i.exec(header.trim());
  if (!match) return undefined;
  return (match[1] ?? match[2]!).toLowerCase().replace(/\.$/, '');
}
