import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A frontend on an origin of its own, as a developer's app would be: it connects Google Calendar through the
 * mock, sends the user to the consent page with itself as the return address, and on return lists the
 * connections; a second button asks the mock for a 429 after a delay and shows what a page can read of it.
 */
function appHtml(api: string, key: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Integrations</title>
<style>body{font:16px system-ui;margin:2rem}button{font:inherit;margin-right:1rem}pre{background:#f4f4f4;padding:1rem}</style></head>
<body>
<h1>Integrations</h1>
<button id="connect">Connect Google Calendar</button><button id="error">Load with a forced 429</button>
<pre id="out">idle</pre>
<script>
const API = ${JSON.stringify(api)};
const headers = { authorization: ${JSON.stringify(`Bearer ${key}`)} };
const out = document.getElementById('out');
const params = new URLSearchParams(location.search);
if (params.has('status')) {
  fetch(API + '/integrations', { headers }).then((r) => r.json()).then((body) => {
    out.textContent = 'returned: ' + params.get('status') + ' ' + params.get('kind') + '\\nlisted: ' + body.data.map((c) => c.kind + ' ' + c.status).join(', ');
  });
}
document.getElementById('connect').onclick = async () => {
  const reply = await fetch(API + '/integrations/google_calendar/connect', { method: 'POST', headers });
  const { data } = await reply.json();
  const consent = new URL(data.oauthUrl);
  consent.searchParams.set('redirect_uri', location.origin + location.pathname);
  location.href = consent.href;
};
document.getElementById('error').onclick = async () => {
  const started = performance.now();
  out.textContent = 'loading…';
  const reply = await fetch(API + '/integrations', { headers: { ...headers, prefer: 'code=429, delay=400' } });
  const body = await reply.json();
  out.textContent = 'status: ' + reply.status + '\\ncode: ' + body.code + '\\nretry-after: ' + reply.headers.get('retry-after') + '\\nwaited: ' + Math.round(performance.now() - started) + ' ms';
};
</script>
</body></html>`;
}

export interface AppPage {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves the app page on `host` (another origin than the mock's), talking to the mock's `api` base URL. */
export async function serveAppPage(api: string, key: string, host = 'localhost'): Promise<AppPage> {
  const server: Server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(appHtml(api, key));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/app`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
