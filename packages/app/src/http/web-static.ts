import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ErrorCode } from '@ensemble/protocol';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { errorBody } from './errors.js';

/** packages/app/{src,dist}/http → packages/web/dist */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

const API_PREFIXES = ['/api/', '/sync/', '/healthz', '/readyz', '/metrics'];

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Ensemble</title>
<body style="font-family:system-ui;margin:3rem"><h1>Ensemble is running</h1>
<p>The web app has not been built. Run <code>npm run build</code> (or <code>npm start</code>, which builds first).</p>
<p>API docs: <a href="/api/docs">/api/docs</a> · Health: <a href="/readyz">/readyz</a></p></body>`;

/** Serves the built web app at `/`, with SPA fallback; unknown API paths stay JSON 404s. */
export async function installWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  const built = existsSync(`${webDir}/index.html`);
  if (built) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const wantsPage = request.method === 'GET' && !API_PREFIXES.some((p) => path.startsWith(p));
    if (wantsPage) {
      if (built) return reply.type('text/html').sendFile('index.html');
      return reply.type('text/html').send(NOT_BUILT);
    }
    return reply
      .status(404)
      .send(errorBody(ErrorCode.NotFound, `no route for ${request.method} ${path} (see /api/docs)`));
  });
}
