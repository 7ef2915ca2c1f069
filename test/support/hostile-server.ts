import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createMockCore } from '../../src/mock/core.js';
import { loadContract } from './test-mock.js';

/**
 * What the server does with one request: answer as the mock does (`pass`, or after `delay` ms), cut the
 * connection before answering (`drop`) or halfway through the body (`reset`), send a body that never ends
 * (`drip`), or pad the mock's JSON answer to `hugeBytes`.
 */
export type Behaviour = 'pass' | 'drop' | 'reset' | 'drip' | { readonly delay: number } | { readonly hugeBytes: number };

export interface HostileServer {
  readonly baseUrl: string;
  /** Requests seen so far. */
  readonly requests: () => number;
  /** Stops answering altogether: closes every connection and refuses new ones. */
  die(): Promise<void>;
  close(): Promise<void>;
}

/** The stateful mock behind a server that misbehaves as `behave` says, per request (method and path). */
export async function startHostileServer(behave: (method: string, path: string, count: number) => Behaviour): Promise<HostileServer> {
  const { document } = await loadContract();
  const core = createMockCore({ document });
  const sockets = new Set<Socket>();
  let count = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => answer(req, res, chunks.length ? Buffer.concat(chunks) : undefined, behave(req.method ?? 'GET', (req.url ?? '/').split('?')[0]!, ++count)));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  function answer(req: IncomingMessage, res: ServerResponse, body: Uint8Array | undefined, behaviour: Behaviour): void {
    if (behaviour === 'drop') return void req.socket.destroy();
    const response = core.handle({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers as Record<string, string>, body });
    if (behaviour === 'reset' || behaviour === 'drip') {
      res.writeHead(response.status, { ...response.headers, 'content-length': String(Buffer.byteLength(response.body) + 1_000_000) });
      res.write(response.body.slice(0, 10));
      if (behaviour === 'reset') return void setTimeout(() => req.socket.destroy(), 20);
      const drip = setInterval(() => res.write(' '), 100);
      return void req.socket.on('close', () => clearInterval(drip));
    }
    let text = response.body;
    if (typeof behaviour === 'object' && 'hugeBytes' in behaviour && text.startsWith('{')) text = `{"padding":"${'x'.repeat(behaviour.hugeBytes)}",${text.slice(1)}`;
    const send = () => {
      res.writeHead(response.status, { ...response.headers, 'content-length': String(Buffer.byteLength(text)) });
      res.end(text);
    };
    if (typeof behaviour === 'object' && 'delay' in behaviour) setTimeout(send, behaviour.delay);
    else send();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return { baseUrl: `http://127.0.0.1:${port}/api/v1`, requests: () => count, die: close, close: () => (server.listening ? close() : Promise.resolve()) };
}
