import { ToolError } from '../tool-errors.js';

/** Where the proxy forwards to: the target's origin, and the path its API lives under there. */
export interface ProxyTarget {
  /** `https://staging.example.com` */
  readonly origin: string;
  /** The target URL's path, no trailing slash: `/api/v1` (or `/staging/api/v1`, or `` for the origin's root). */
  readonly basePath: string;
}

/** Reads `--target` as `test` takes its target: an http(s) base URL with the API's base path, no user info. */
export function parseTarget(text: string): ProxyTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ToolError('USAGE', `--target must be an http(s) URL such as https://staging.example.com/api/v1, not "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ToolError('USAGE', `--target must be an http(s) URL, not ${url.protocol} (${url.origin})`);
  // A password in the URL would be printed in the banner and sent on every request: keys go in Authorization.
  if (url.username || url.password) throw new ToolError('USAGE', '--target must not carry user:password@ (the app sends its key in Authorization)');
  if (url.search || url.hash) throw new ToolError('USAGE', `--target is a base URL: no query or fragment (${url.origin}${url.pathname})`);
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
}

/**
 * The path and query to ask the target for. A request under the contract's base path goes under the target's
 * (`/api/v1/integrations` → `/staging/api/v1/integrations`); any other goes to the target's origin unchanged.
 */
export function upstreamPath(url: string, covered: boolean, contractBasePath: string, target: ProxyTarget): string {
  return covered ? target.basePath + url.slice(contractBasePath.length) : url;
}
