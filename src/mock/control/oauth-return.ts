import { ToolError } from '../../tool-errors.js';
import type { IntegrationKind } from '../types.js';

/** The longest return address taken: more than any app's callback needs, little enough to echo. */
const MAX_LENGTH = 2048;

/**
 * Why a return address (`redirect_uri`, `--oauth-return`) cannot be used, or undefined when it can. Only
 * absolute http(s) URLs without user info: a `javascript:` or `data:` address would run in the mock's origin,
 * and a custom scheme is no page to return to.
 */
export function returnAddressFault(text: string): string | undefined {
  if (text.length > MAX_LENGTH) return `is longer than ${MAX_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'is not an absolute URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL';
  if (url.username || url.password) return 'must not carry a user name or password';
  return undefined;
}

/** `--oauth-return URL` (the core's `oauthReturn`), checked at start. */
export function parseOAuthReturnFlag(text: string): string {
  const fault = returnAddressFault(text);
  if (fault) throw new ToolError('USAGE', `the OAuth return address (--oauth-return) ${fault}: give the app's page, such as http://localhost:5173/integrations`);
  return text;
}

/**
 * Where the browser goes after Approve or Deny, as a provider's redirect would send it: the return address
 * with the outcome added to its own query (`status=connected|denied`, `kind=…`; the address's other
 * parameters and fragment kept).
 */
export function returnLocation(address: string, status: 'connected' | 'denied', kind: IntegrationKind): string {
  const url = new URL(address);
  url.searchParams.set('status', status);
  url.searchParams.set('kind', kind);
  return url.href;
}
