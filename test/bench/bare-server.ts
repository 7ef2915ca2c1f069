import { createServer } from 'node:http';

// The baseline for `npm run bench`: the cheapest node:http server that answers like the mock's list
// endpoint, so "mock / bare" shows what the mock's own work costs. Usage: node bare-server.js <port>
const port = Number(process.argv[2]);
// A connection list as the contract has it (an empty page), so that a proxy in front of it judges a conforming answer.
const body = JSON.stringify({ success: true, data: [], nextCursor: null, hasMore: false });

const server = createServer((request, response) => {
  // Read the body before answering so POSTs cost the same socket work as on the mock.
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  });
});

server.listen(port, '127.0.0.1', () => process.stdout.write(`bare server listening on http://127.0.0.1:${port}/\n`));
process.once('SIGTERM', () => server.close());
process.once('SIGINT', () => server.close());
