import { createServer } from 'node:http';
import { Pool, type Dispatcher } from 'undici';

// A reference for the proxy's throughput figure: the two libraries the validating proxy is built on (a node:http
// server in front, an undici pool behind), forwarding each exchange whole and judging nothing. What it keeps of
// the direct throughput is the most any proxy built this way could keep on the machine the bench runs on.
// Usage: node plain-forwarder.js <port> <target origin>
const [port = '0', target = ''] = process.argv.slice(2);
const pool = new Pool(target, { keepAliveTimeout: 4_000 });
/** Headers of one connection, not of the exchange (undici refuses some of them outright). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'host', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'proxy-connection']);

const server = createServer(async (request, response) => {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const answer = await pool.request({
      method: request.method as Dispatcher.HttpMethod,
      path: request.url ?? '/',
      headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => !HOP_BY_HOP.has(name))) as Record<string, string>,
      ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
    });
    const body = Buffer.from(await answer.body.arrayBuffer());
    response.writeHead(answer.statusCode, { 'content-type': answer.headers['content-type'] ?? 'application/octet-stream', 'content-length': body.length });
    response.end(body);
  } catch {
    response.writeHead(502).end();
  }
});

server.listen(Number(port), '127.0.0.1', () => process.stdout.write(`plain forwarder listening on http://127.0.0.1:${port}/\n`));
process.once('SIGTERM', () => server.close());
process.once('SIGINT', () => server.close());
