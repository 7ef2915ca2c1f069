// A scheme as the WHATWG URL parser reads one, with the slashes (or backslashes) it tolerates after it.
const SCHEME = /^[\s\u0000-\u001f]*[a-z][a-z\d+.-]*:[/\\]*/i;

/**
 * A URL fit to print: its user info (`user:password@`) becomes `***@`. Unless the string parses as a URL with a
 * host and no user info, any `@` in it may end a password, and where the authority ends is then anyone's guess,
 * so everything between the scheme and the last `@` goes: better to hide a host than to show a password.
 */
export function redactUrl(url: string): string {
  const at = url.lastIndexOf('@');
  if (at === -1 || hasHostWithoutUserInfo(url)) return url;
  const start = SCHEME.exec(url)?.[0].length ?? 0; // the scheme holds no '@', so start <= at
  return `${url.slice(0, start)}***${url.slice(at)}`;
}

function hasHostWithoutUserInfo(url: string): boolean {
  try {
    const parsed = new URL(url);
    // `user:pass@host` parses too, as the scheme `user:` with an opaque path and no host
    return parsed.host !== '' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
