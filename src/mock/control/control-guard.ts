import { originCorsHeaders, preflightResponse } from '../cors.js';
import type { Problem } from '../problems.js';
import { problemResponse } from '../render.js';
import { ToolError } from '../../tool-errors.js';
import type { MockRequest, MockResponse } from '../types.js';
import { CONTROL_PREFIX } from './mock-control.js';

/**
 * Keeps the mock control routes (`/__mock/*`: reset, state, consent) for the developer. A request a browser
 * marks as coming from another site (an `Origin` other than the mock's own, or `Sec-Fetch-Site: cross-site`
 * or `same-site`) is refused with 403 unless its origin is allowed; a page can then neither reset the state
 * with a simple POST nor read it. Two things stay open: a top-level navigation that GETs a page (the app
 * sending the user to the consent page, which needs no Origin), and requests no browser made (curl, tests:
 * no Origin, no Sec-Fetch-*). Answers carry CORS headers only for an allowed origin, echoed, never `*`.
 */
export interface ControlGuard {
  /** True when the request's target is a control route (checked before anything else, so cheap). */
  covers(url: string): boolean;
  /** Answers a control request: refused, a preflight for an allowed origin, or `answer()` with its CORS headers. */
  handle(request: MockRequest, answer: () => MockResponse): MockResponse;
}

/** `allowOrigins`: origins (`http://localhost:5173`) whose pages may use the control routes; `*` allows every page. */
export function createControlGuard(allowOrigins: readonly string[] = []): ControlGuard {
  const allowed = new Set(allowOrigins.map(parseAllowedOrigin));
  const isAllowed = (origin: string | undefined) => origin !== undefined && (allowed.has('*') || allowed.has(origin.toLowerCase()));

  return {
    covers: (url) => url.startsWith(CONTROL_PREFIX) || (url[0] !== '/' && pathOf(url).startsWith(CONTROL_PREFIX)),
    handle(request, answer) {
      const { origin } = request.headers;
      if (crossSite(request) && !isAllowed(origin) && !isPageNavigation(request)) return refusal(request, origin);
      const cors = isAllowed(origin) ? originCorsHeaders(origin!) : undefined;
      if (cors && request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
        return preflightResponse(request.headers['access-control-request-headers'], cors);
      }
      const response = answer();
      if (cors) Object.assign(response.headers, cors);
      // Never in a frame of another site: a framed consent page could be clicked through by a page on top.
      response.headers['x-frame-options'] = 'DENY';
      response.headers['content-security-policy'] = "frame-ancestors 'none'";
      return response;
    },
  };
}

/** An `--allow-origin` value: scheme, host and port, as a browser sends it in `Origin`; or `*`. */
export function parseAllowedOrigin(text: string): string {
  if (text === '*') return text;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  const bare = url && url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  if (!url || !bare || !/^https?:$/.test(url.protocol)) {
    throw new ToolError('USAGE', `--allow-origin must be an origin such as http://localhost:5173 (scheme, host and port, no path), not "${text.slice(0, 80)}"`);
  }
  return url.origin;
}

function crossSite(request: MockRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return true;
  const { origin, host } = request.headers;
  if (origin === undefined) return false;
  // Same origin when the page was served by this very host and port; the scheme is left out, as a
  // TLS-terminating proxy in front of the mock would change it.
  try {
    return host === undefined || new URL(origin).host !== withoutDefaultPort(host.toLowerCase());
  } catch {
    return true; // `Origin: null` (a sandboxed frame, a file:// page) is nobody's own origin
  }
}

/** A user's top-level navigation to a page (GET, `Sec-Fetch-Mode: navigate`, not into a frame): it reads nothing back and changes nothing. */
function isPageNavigation(request: MockRequest): boolean {
  const dest = request.headers['sec-fetch-dest'];
  return (request.method === 'GET' || request.method === 'HEAD') && request.headers['sec-fetch-mode'] === 'navigate' && (dest === undefined || dest === 'document');
}

function refusal(request: MockRequest, origin: string | undefined): MockResponse {
  const from = origin ? `from ${origin.slice(0, 100)}` : 'from another site';
  const answer: Problem = {
    status: 403,
    code: 'cross_site_refused',
    title: 'Cross-site request refused',
    detail: `The mock control routes answer the developer only, not a page ${from}. To allow a page, start the mock with --allow-origin <its origin>.`,
    errors: [{ field: origin ? 'Origin' : 'Sec-Fetch-Site', message: 'is another site' }],
  };
  return problemResponse(answer, pathOf(request.url), undefined);
}

function pathOf(url: string): string {
  try {
    return new URL(url, 'http://mock.invalid').pathname;
  } catch {
    return url.split('?')[0]!;
  }
}

function withoutDefaultPort(host: string): string {
  return host.replace(/:80$/, '');
}
