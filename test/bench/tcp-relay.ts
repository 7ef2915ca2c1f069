import { connect, createServer } from 'node:net';

// The other reference for the proxy's throughput figure: a relay that copies bytes both ways and reads no HTTP at
// all, the least work a process between the load tool and the server can do. Usage: node tcp-relay.js <port> <target port>
const [port = '0', targetPort = '0'] = process.argv.slice(2);

const server = createServer((client) => {
  const upstream = connect(Number(targetPort), '127.0.0.1');
  client.pipe(upstream).pipe(client);
  // Either side going away closes the other; errors are the load tool's or the server's, not the relay's to report.
  client.on('error', () => upstream.destroy());
  upstream.on('error', () => client.destroy());
});

server.listen(Number(port), '127.0.0.1', () => process.stdout.write(`tcp relay listening on http://127.0.0.1:${port}/\n`));
process.once('SIGTERM', () => server.close());
process.once('SIGINT', () => server.close());
