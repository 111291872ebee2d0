import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnsembleNode } from '../runtime/node.js';
import { json, startTestNode, tempDir } from '../test-support/node.js';

interface ErrorResponse {
  error: { code: string; message: string };
}

describe('HTTP server (embedded database)', () => {
  let node: EnsembleNode;
  let webDir: string;

  beforeAll(async () => {
    webDir = tempDir('ens-web-');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      `${webDir}/index.html`,
      '<!doctype html><title>Ensemble test shell</title><div id="root"></div>',
    );
    node = await startTestNode({ webDir, bodyLimitBytes: 2048 });
  });
  afterAll(async () => {
    await node?.close();
  });

  const get = (path: string, init?: RequestInit) => fetch(`${node.url}${path}`, init);

  it('answers /healthz', async () => {
    const response = await get('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with database and migration checks', async () => {
    const response = await get('/readyz');
    expect(response.status).toBe(200);
    const body = await json<{ status: string; checks: Record<string, { ok: boolean }> }>(response);
    expect(body.status).toBe('ready');
    expect(body.checks.database!.ok).toBe(true);
    expect(body.checks.migrations!.ok).toBe(true);
  });

  it('describes itself at /api/v1/info', async () => {
    const body = await json<Record<string, unknown>>(await get('/api/v1/info'));
    expect(body).toMatchObject({ name: 'ensemble', mode: 'dev', database: 'pglite', cluster: false });
    expect(typeof body.version).toBe('string');
  });

  it('exposes Prometheus metrics: process, HTTP and sync engine series', async () => {
    await get('/healthz');
    const response = await get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^process_cpu_user_seconds_total/m);
    expect(text).toMatch(/^ensemble_http_request_duration_seconds_count\{.*route="\/healthz".*\} \d+/m);
    expect(text).toMatch(/^ensemble_connections_active\{service="ensemble"\} 0/m);
    expect(text).toMatch(/^# TYPE ensemble_updates_applied_total counter/m);
  });

  it('serves an OpenAPI document generated from the route schemas, and its UI', async () => {
    const spec = await json<{
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
      components: { securitySchemes: Record<string, unknown> };
    }>(await get('/api/docs/json'));
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/healthz', '/readyz', '/api/v1/info', '/api/v1/dev/token', '/api/v1/me']),
    );
    expect(spec.paths['/api/v1/dev/token']!.post!.requestBody).toBeDefined();
    expect(spec.components.securitySchemes.bearerAuth).toBeDefined();
    const ui = await get('/api/docs');
    expect(ui.status).toBe(200);
    expect(await ui.text()).toMatch(/swagger/i);
  });

  it('rejects invalid bodies with a 400 that names the field', async () => {
    const response = await get('/api/v1/dev/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '', color: 'red' }),
    });
    expect(response.status).toBe(400);
    const body = await json<ErrorResponse>(response);
    expect(body.error.code).toBe('ENSEMBLE_BAD_REQUEST');
    expect(body.error.message).toMatch(/body\.name/);
    expect(body.error.message).toMatch(/body\.color: must be a #rrggbb color/);
  });

  it('rejects malformed JSON with a 400, not a stack trace', async () => {
    const response = await get('/api/v1/dev/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(response.status).toBe(400);
    const body = await json<ErrorResponse>(response);
    expect(body.error.code).toBe('ENSEMBLE_BAD_REQUEST');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.js:\d+/);
  });

  it('rejects oversized bodies with a 413', async () => {
    const response = await get('/api/v1/dev/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(5000) }),
    });
    expect(response.status).toBe(413);
    expect((await json<ErrorResponse>(response)).error.code).toBe('ENSEMBLE_PAYLOAD_TOO_LARGE');
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const response = await get('/api/v1/does-not-exist');
    expect(response.status).toBe(404);
    expect((await json<ErrorResponse>(response)).error.code).toBe('ENSEMBLE_NOT_FOUND');
  });

  it('serves the web app at / and falls back to it for client-side routes', async () => {
    for (const path of ['/', '/studio/project:7', '/catalog']) {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(await response.text()).toMatch(/Ensemble test shell/);
    }
  });

  it('keeps serving after a burst of bad requests', async () => {
    const bad = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        get('/api/v1/dev/token', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: i % 2 ? '{{{' : JSON.stringify({ nope: true }),
        }).then((r) => r.status),
      ),
    );
    expect(new Set(bad)).toEqual(new Set([400]));
    expect((await get('/healthz')).status).toBe(200);
  });
});
