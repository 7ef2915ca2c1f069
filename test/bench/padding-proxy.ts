import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

// `node padding-proxy.js <upstream origin> <bytes>`: a loopback proxy, in a process of its own so that the
// bench measures the runner's memory alone, that pads every JSON object answer with `bytes` of filler (still
// valid JSON). It prints its origin, then serves until killed.
const [upstream = '', size = '0'] = process.argv.slice(2);
const target = new URL(upstream);
const padding = `{"padding":"${'x'.repeat(Number(size))}",`;

const server = createServer((req, res) => {
  const forward = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
    const chunks: Buffer[] = [];
    answer.on('data', (chunk: Buffer) => chunks.push(chunk));
    answer.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const padded = body.startsWith('{') ? padding + body.slice(1) : body;
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'content-length': String(Buffer.byteLength(padded)) });
      res.end(padded);
    });
  });
  forward.on('error', () => res.destroy());
  req.pipe(forward);
});
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
