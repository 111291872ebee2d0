import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';

export interface JwksServer {
  url: string;
  /** Number of requests served so far. */
  requests(): number;
  close(): Promise<void>;
}

export type JwksBehaviour = { keys: JWK[] } | { status: number } | 'hang';

/** Serves a JWKS (or an error status, or never answers) on 127.0.0.1, port 0. */
export async function startJwksServer(behaviour: JwksBehaviour): Promise<JwksServer> {
  let count = 0;
  const server: Server = createServer((_req, res) => {
    count++;
    if (behaviour === 'hang') return;
    if ('status' in behaviour) {
      res.writeHead(behaviour.status, { 'content-type': 'text/plain' }).end('boom');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: behaviour.keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A URL on which nothing listens (a port that was just released). */
export async function unreachableUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/.well-known/jwks.json`;
}
