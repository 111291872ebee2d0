import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

export interface StaticProxy {
  /** e.g. `http://127.0.0.1:41235` */
  url: string;
  close: () => Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Paths that belong to the Ensemble server (the dev token endpoint and the sync WebSocket). */
const proxied = (path: string) => path.startsWith('/api/') || path.startsWith('/sync/');

function forward(req: IncomingMessage, res: ServerResponse, backend: URL): void {
  const upstream = request(
    { host: backend.hostname, port: backend.port, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', (error) => {
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`proxy error: ${error.message}`);
  });
  req.pipe(upstream);
}

async function serveFile(root: string, pathname: string, res: ServerResponse): Promise<void> {
  let path = normalize(join(root, decodeURIComponent(pathname)));
  if (path !== root && !path.startsWith(root.endsWith(sep) ? root : root + sep)) {
    res.writeHead(403).end();
    return;
  }
  try {
    if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
    await stat(path);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
  createReadStream(path).pipe(res);
}

/**
 * Serves a static build (a built Storybook) and forwards `/api/*` and `/sync/*` — WebSocket upgrades
 * included — to `backend`: the same-origin setup the Storybook addon expects by default, like a
 * reverse proxy in front of both would give.
 */
export function serveStaticWithProxy(root: string, backendUrl: string): Promise<StaticProxy> {
  const backend = new URL(backendUrl);
  // Upgraded sockets leave the HTTP server's books: close them ourselves.
  const tunnels = new Set<{ destroy: () => void }>();
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (proxied(pathname)) forward(req, res, backend);
    else void serveFile(root, pathname, res);
  });
  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    if (!proxied(new URL(req.url ?? '/', 'http://localhost').pathname)) {
      socket.destroy();
      return;
    }
    const upstream = connect(Number(backend.port), backend.hostname, () => {
      const headers: string[] = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        headers.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      }
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    tunnels.add(socket);
    tunnels.add(upstream);
    socket.on('close', () => tunnels.delete(socket));
    upstream.on('close', () => tunnels.delete(upstream));
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('static proxy: no address'));
        return;
      }
      resolve({
        url: `http://127.0.0.1:${address.port}`,
        close: () =>
          new Promise((done) => {
            for (const tunnel of tunnels) tunnel.destroy();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
