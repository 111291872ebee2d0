/**
 * The multiplayer Storybook (issue 5): our own Storybook, built statically and served on localhost
 * next to a real Ensemble server (same origin through a small proxy, as the addon expects by
 * default). Two browser contexts open the same story as different users: a control changed in one
 * shows in the other's canvas and controls, each sees the other in the panel and their cursor on
 * the canvas, and chat goes round.
 */
/// <reference lib="dom" />
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.js';
import { artifactsDir, repoRoot } from './support/paths.js';
import { type RunningServer, startServer } from './support/server.js';
import { type StaticProxy, serveStaticWithProxy } from './support/static-proxy.js';

const STORY = 'demo-button--primary';
const STORYBOOK_DIR = join(repoRoot, 'packages/storybook-addon/storybook-static');

/**
 * `npm run build-storybook`, unless E2E_STORYBOOK_PREBUILT=1 and a build exists (fast local reruns).
 * CI always builds, so the test never runs against a stale Storybook.
 */
async function buildStorybook(): Promise<void> {
  if (process.env.E2E_STORYBOOK_PREBUILT === '1' && existsSync(join(STORYBOOK_DIR, 'index.html'))) return;
  const child = spawn('npm', ['run', 'build-storybook'], {
    cwd: repoRoot,
    env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1', CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`npm run build-storybook failed (${code}):\n${output}`);
}

describe('Multiplayer Storybook (static build + real server, two users in real Chromium)', () => {
  let server: RunningServer | undefined;
  let storybook: StaticProxy | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  let alice: Page;
  let bob: Page;
  const pageErrors: string[] = [];

  const open = async (name: string): Promise<Page> => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 860 } });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${name}: ${error.message}`));
    await page.goto(`${storybook!.url}/?path=/story/${STORY}&globals=ensembleUser:${name}`);
    await canvas(page).getByTestId('demo-button').waitFor();
    return page;
  };

  const canvas = (page: Page): FrameLocator => page.frameLocator('#storybook-preview-iframe');

  const showPanel = async (page: Page, title: RegExp) => {
    await page.getByRole('tab', { name: title }).click();
  };

  beforeAll(async () => {
    await mkdir(artifactsDir, { recursive: true });
    await buildStorybook();
    server = await startServer();
    storybook = await serveStaticWithProxy(STORYBOOK_DIR, server.url);
    browser = await launchChromium();
    alice = await open('Alice');
    bob = await open('Bob');
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await storybook?.close();
    if (server) {
      const code = await server.stop();
      expect(code, `ensemble serve should exit cleanly.\n${server.stderr()}`).toBe(0);
    }
  });

  const screenshotOnFailure = (name: string) => async () => {
    await alice?.screenshot({ path: join(artifactsDir, `failed-${name}-alice.png`) }).catch(() => {});
    await bob?.screenshot({ path: join(artifactsDir, `failed-${name}-bob.png`) }).catch(() => {});
  };

  it('shows each user the other in the Multiplayer panel', async ({ onTestFailed }) => {
    onTestFailed(screenshotOnFailure('storybook-presence'));
    for (const [page, other] of [
      [alice, 'Bob'],
      [bob, 'Alice'],
    ] as const) {
      await showPanel(page, /Multiplayer/);
      const panel = page.getByTestId('ensemble-panel');
      await panel.locator(`[data-testid="ensemble-person"][data-name="${other}"]`).waitFor();
      await page
        .locator('[data-testid="ensemble-panel"][data-status="saved"], [data-status="synced"]')
        .waitFor();
      expect(await panel.getByTestId('ensemble-status').textContent()).toBe('Live');
      expect(await panel.getByRole('heading', { name: /Here now/ }).textContent()).toBe('Here now (2)');
    }
  });

  it('shares a control changed by Alice with Bob (canvas and controls)', async ({ onTestFailed }) => {
    onTestFailed(screenshotOnFailure('storybook-args'));
    await showPanel(alice, /Controls/);
    await alice.locator('#control-label').fill('Shipped together');
    await canvas(alice).getByTestId('demo-button').filter({ hasText: 'Shipped together' }).waitFor();

    await canvas(bob).getByTestId('demo-button').filter({ hasText: 'Shipped together' }).waitFor();
    await showPanel(bob, /Controls/);
    await expect.poll(() => bob.locator('#control-label').inputValue()).toBe('Shipped together');
  });

  it('shares Bob’s change back, and keeps both in step after several quick edits', async ({
    onTestFailed,
  }) => {
    onTestFailed(screenshotOnFailure('storybook-args-back'));
    await bob.locator('#control-size').selectOption('large');
    const fontSize = (page: Page) =>
      canvas(page)
        .getByTestId('demo-button')
        .evaluate((el) => getComputedStyle(el).fontSize);
    await expect.poll(() => fontSize(alice)).toBe('16px');

    // Several edits in a row from both sides settle on the last one everywhere (no echo loop).
    for (const label of ['one', 'two', 'three']) await alice.locator('#control-label').fill(label);
    // Storybook's text control keeps what you type while it has focus: leave the field, like a
    // user handing over to someone else would.
    await alice.locator('#control-label').blur();
    await canvas(bob)
      .getByTestId('demo-button')
      .filter({ hasText: /^three$/ })
      .waitFor();
    await bob.locator('#control-label').fill('final');
    await bob.locator('#control-label').blur();
    for (const page of [alice, bob]) {
      await canvas(page)
        .getByTestId('demo-button')
        .filter({ hasText: /^final$/ })
        .waitFor();
      await expect.poll(() => page.locator('#control-label').inputValue()).toBe('final');
    }
  });

  it('draws Alice’s cursor, with her name, on Bob’s canvas', async ({ onTestFailed }) => {
    onTestFailed(screenshotOnFailure('storybook-cursor'));
    const box = await alice.locator('#storybook-preview-iframe').boundingBox();
    if (!box) throw new Error('preview iframe has no box');
    await alice.mouse.move(box.x + box.width / 2 - 40, box.y + box.height / 2 - 30);
    await alice.mouse.move(box.x + box.width / 2 - 20, box.y + box.height / 2 - 10, { steps: 5 });
    const cursor = canvas(bob).locator('[data-testid="ensemble-cursor"][data-name="Alice"]');
    await cursor.waitFor();
    expect(await cursor.textContent()).toBe('Alice');
    await showPanel(bob, /Multiplayer/);
    await bob.getByTestId('ensemble-panel').getByText('· on the canvas').waitFor();
  });

  it('sends chat from one panel to the other', async ({ onTestFailed }) => {
    onTestFailed(screenshotOnFailure('storybook-chat'));
    await showPanel(alice, /Multiplayer/);
    const form = alice.getByRole('form', { name: 'Send a message' });
    await form.getByLabel('Message').fill('Does the large size look right?');
    await form.getByRole('button', { name: 'Send' }).click();
    const line = bob.getByTestId('ensemble-chat-line').filter({ hasText: 'Does the large size look right?' });
    await line.waitFor();
    expect(await line.locator('strong').textContent()).toBe('Alice');
    await alice
      .getByTestId('ensemble-chat-line')
      .filter({ hasText: 'Does the large size look right?' })
      .waitFor();

    // For the screenshot: Alice points at the button again, so Bob's canvas shows her cursor.
    const box = await alice.locator('#storybook-preview-iframe').boundingBox();
    if (box) await alice.mouse.move(box.x + box.width / 2 + 30, box.y + box.height / 2 + 10, { steps: 3 });
    await canvas(bob).locator('[data-testid="ensemble-cursor"][data-name="Alice"]').waitFor();
    await bob.screenshot({ path: join(artifactsDir, 'storybook-bob.png') });
    await alice.screenshot({ path: join(artifactsDir, 'storybook-alice.png') });
    expect(pageErrors).toEqual([]);
  });
});
