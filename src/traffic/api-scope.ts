import { ToolError } from '../tool-errors.js';

/** Where a recorded request lies within the API: its path as the contract reads it, and the base URL it was sent to. */
export interface ApiLocation {
  /** Path (the contract's base path included) and query, as the validator reads it. */
  readonly path: string;
  /** Path below the base URL, and query: what a report's request shows (`/integrations/catalog?limit=2`). */
  readonly belowBase: string;
  /** Origin and the path the API is served under: `https://staging.example.com/api/v1`. */
  readonly baseUrl: string;
}

/**
 * Which entries of a recording are the API's. By default, those whose path lies under the contract's base path on
 * any origin (a page that talks to one API); with a base URL, only those under it, so that a page that talked to
 * several origins is judged on the one named. A base URL whose path is not the contract's base path
 * (`https://example.com/backend/api/v1`) is where the API is mounted: its requests are read as the contract's.
 */
export class ApiScope {
  private constructor(
    private readonly basePath: string,
    private readonly origin: string | undefined,
    private readonly mount: string,
  ) {}

  static of(basePath: string, baseUrl?: string): ApiScope {
    if (baseUrl === undefined) return new ApiScope(basePath, undefined, basePath);
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new ToolError('USAGE', `--base-url must be an http(s) URL, not "${baseUrl}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ToolError('USAGE', `--base-url must be an http(s) URL, not "${baseUrl}"`);
    const path = url.pathname.replace(/\/+$/, '');
    return new ApiScope(basePath, url.origin, path || basePath);
  }

  /** The entry's place in the API, or undefined when it lies outside (another origin, path or scheme). */
  locate(url: URL): ApiLocation | undefined {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (this.origin !== undefined && url.origin !== this.origin) return undefined;
    const { pathname } = url;
    if (pathname !== this.mount && !pathname.startsWith(`${this.mount}/`)) return undefined;
    const below = pathname.slice(this.mount.length);
    return { path: `${this.basePath}${below}${url.search}`, belowBase: `${below}${url.search}`, baseUrl: `${url.origin}${this.mount}` };
  }

  /** `under /api/v1 on any origin`, `under https://staging.example.com/api/v1`. */
  describe(): string {
    return this.origin === undefined ? `under ${this.mount} on any origin` : `under ${this.origin}${this.mount}`;
  }
}
