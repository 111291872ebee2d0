/**
 * Offline drafts in the browser (issue 4 client SDK, y-indexeddb): a Publish draft (room
 * `post:<id>`, joined with `offline: true`) is edited while the browser is offline, the page is
 * reloaded while the sync server is still unreachable and the edit is still there (from IndexedDB),
 * then the connection comes back and a second browser context sees the edit.
 *
 * "Unreachable" is a WebSocket route in front of `/sync/` that refuses connections while offline;
 * `context.setOffline(true)` cuts HTTP during the edit. The reload itself needs HTTP for the page and
 * the post (there is no service worker caching the app shell), so only the sync server stays cut then.
 */
/// <reference lib="dom" />
// ^ page.waitForFunction() callbacks run in the browser.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.js';
import { artifactsDir } from './support/paths.js';
import { type RunningServer, startServer } from './support/server.js';

describe('offline drafts (SDK + IndexedDB, real server, real Chromium)', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  let syncReachable = true;
  const sockets = new Set<WebSocketRoute>();

  const draftText = (p: Page) => p.getByTestId('draft-editor').getByLabel('Draft text');
  const roomState = (p: Page, state: 'live' | 'offline') =>
    p.locator(`[data-testid="draft-editor"][data-room="${state}"]`).waitFor({ timeout: 30_000 });

  /** Whether the page's IndexedDB copy of the draft room holds `text` (Yjs stores strings as UTF-8). */
  const storedOnDevice = (p: Page, text: string) =>
    p.waitForFunction(
      async (wanted) => {
        const dbs = await indexedDB.databases();
        const name = dbs.map((d) => d.name ?? '').find((n) => n.includes('/post:'));
        if (!name) return false;
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const r = indexedDB.open(name);
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        try {
          const all = await new Promise<unknown[]>((resolve, reject) => {
            const r = db.transaction('updates').objectStore('updates').getAll();
            r.onsuccess = () => resolve(r.result);
            r.onerror = () => reject(r.error);
          });
          const decoder = new TextDecoder('utf-8', { fatal: false });
          return all.some((u) => decoder.decode(u as Uint8Array).includes(wanted));
        } finally {
          db.close();
        }
      },
      text,
      { timeout: 15_000 },
    );

  beforeAll(async () => {
    await mkdir(artifactsDir, { recursive: true });
    browser = await launchChromium();
    server = await startServer();
    context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 860 } });
    context.setDefaultTimeout(15_000);
    await context.routeWebSocket(/\/sync\//, (ws) => {
      if (!syncReachable) {
        ws.close({ code: 1011, reason: 'offline (test)' });
        return;
      }
      sockets.add(ws);
      ws.connectToServer();
      ws.onClose(() => sockets.delete(ws));
    });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
  });

  afterAll(async () => {
    await browser?.close();
    if (server) {
      const code = await server.stop();
      expect(code, `ensemble serve should exit cleanly.\n${server.stderr()}`).toBe(0);
    }
  });

  it('keeps an offline edit across a reload and syncs it when back online', async ({ onTestFailed }) => {
    onTestFailed(async () => {
      await page
        .screenshot({ path: join(artifactsDir, 'failed-offline.png'), fullPage: true })
        .catch(() => {});
    });
    // A dev user with an account and a draft.
    await page.goto('/publish');
    await page.getByLabel('Display name').fill('Ada');
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('publish-page').waitFor();
    await page.getByRole('button', { name: 'Accounts' }).click();
    const form = page.getByRole('form', { name: 'Connect an account' });
    await form.getByLabel('Page id').fill('page-offline');
    await form.getByLabel('Name').fill('Offline Page');
    await form.getByLabel('Access token').fill('EAAB-offline');
    await form.getByRole('button', { name: 'Connect' }).click();
    await page.getByTestId('account').filter({ hasText: 'Offline Page' }).waitFor();
    await page.getByRole('button', { name: 'Posts' }).click();
    const composer = page.getByRole('form', { name: 'Compose a post' });
    await composer.getByLabel('Content').fill('Draft before the outage');
    await composer.getByRole('checkbox', { name: /Offline Page/ }).check();
    await composer.getByRole('button', { name: 'Save draft' }).click();
    await roomState(page, 'live');
    await storedOnDevice(page, 'Draft before the outage');
    const postUrl = page.url();

    // Offline: no HTTP, and the sync socket is cut (and refused on every retry).
    syncReachable = false;
    await context.setOffline(true);
    for (const ws of [...sockets]) await ws.close({ code: 1011, reason: 'offline (test)' });
    await roomState(page, 'offline');
    await draftText(page).fill('Draft written offline');
    await page.getByTestId('draft-editor').getByText('kept on this device').waitFor();
    await storedOnDevice(page, 'written offline');
    await page.screenshot({ path: join(artifactsDir, 'offline-draft.png'), fullPage: true });

    // Reload while the sync server is still unreachable: the edit comes from IndexedDB.
    await context.setOffline(false);
    await page.reload();
    await page.getByTestId('draft-editor').waitFor();
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLTextAreaElement>('[aria-label="Draft text"]')?.value ===
        'Draft written offline',
    );
    expect(await page.getByTestId('draft-editor').getAttribute('data-room')).not.toBe('live');

    // Back online: the client reconnects on its own and the edit reaches someone else.
    syncReachable = true;
    await roomState(page, 'live');
    const other = await browser!.newContext({ baseURL: server!.url });
    try {
      const theirs = await other.newPage();
      await theirs.goto(postUrl);
      await theirs.getByLabel('Display name').fill('Linus');
      await theirs.getByTestId('signin-submit').click();
      await theirs.waitForFunction(
        () =>
          document.querySelector<HTMLTextAreaElement>('[aria-label="Draft text"]')?.value ===
          'Draft written offline',
        undefined,
        { timeout: 30_000 },
      );
    } finally {
      await other.close();
    }
    // The post row caught up too (saved from the room once it was back): the list shows it.
    await page
      .getByTestId('post-row')
      .filter({ hasText: 'Draft written offline' })
      .waitFor({ timeout: 30_000 });
    expect(pageErrors).toEqual([]);
  });
});
