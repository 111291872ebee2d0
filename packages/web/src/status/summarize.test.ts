import { describe, expect, it } from 'vitest';
import { ApiError, ClientErrorCode, type ServerInfo } from '../api';
import type { StatusSnapshot } from './loadStatus';
import { summarize } from './summarize';

const info: ServerInfo = {
  name: 'ensemble',
  version: '0.1.0',
  mode: 'dev',
  database: 'pglite',
  uptimeSeconds: 1,
  startedAt: '2026-01-01T00:00:00Z',
};
const offline = { ok: false as const, error: new ApiError(ClientErrorCode.Network, 'offline', 0) };

describe('summarize', () => {
  it('is "checking" before the first answer', () => {
    expect(summarize(undefined)).toBe('checking');
  });

  it('is "ok" when live, ready and informative', () => {
    const snapshot: StatusSnapshot = {
      health: { ok: true, value: { status: 'ok' } },
      readiness: { ok: true, value: { status: 'ready', checks: { database: { ok: true } } } },
      info: { ok: true, value: info },
    };
    expect(summarize(snapshot)).toBe('ok');
  });

  it('is "degraded" when a readiness check fails', () => {
    const snapshot: StatusSnapshot = {
      health: { ok: true, value: { status: 'ok' } },
      readiness: { ok: true, value: { status: 'not_ready', checks: { database: { ok: false } } } },
      info: { ok: true, value: info },
    };
    expect(summarize(snapshot)).toBe('degraded');
  });

  it('is "unreachable" when nothing answers', () => {
    expect(summarize({ health: offline, readiness: offline, info: offline })).toBe('unreachable');
  });
});
