/// <reference lib="dom" />
// ^ page.evaluate() callbacks run in the browser.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.js';
import { artifactsDir } from './support/paths.js';
import { type RunningServer, startServer } from './support/server.js';

const USER_NAME = 'Ada Lovelace';

/** The element's text, whitespace-trimmed (waits for the element like every locator call). */
async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}
const USER_COLOR = { label: 'Green', hex: '#30a46c', rgb: 'rgb(48, 164, 108)' };

describe('web shell smoke test (real server, real Chromium)', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await mkdir(artifactsDir, { recursive: true });
    browser = await launchChromium();
    server = await startServer();
    context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } });
    // Fail fast: nothing in this app should take long to appear.
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (server) {
      const code = await server.stop();
      expect(code, `ensemble serve should exit cleanly on SIGTERM.\n${server.stderr()}`).toBe(0);
    }
  });

  /** Saves a screenshot next to the other artifacts when a step fails. */
  const screenshotOnFailure = (name: string) => async () => {
    await page
      ?.screenshot({ path: join(artifactsDir, `failed-${name}.png`), fullPage: true })
      .catch(() => {});
  };

  it('opens the frame with the DEV MODE badge and a sign-in form', async ({ onTestFailed }) => {
    onTestFailed(screenshotOnFailure('frame'));
    await page.goto('/');
    await page.waitForURL('**/studio');
    await page.getByTestId('app-frame').waitFor();
    expect(await textOf(page.getByTestId('brand'))).toContain('Ensemble');
    expect(await textOf(page.getByTestId('dev-mode-badge'))).toBe('DEV MODE');
    for (const name of ['studio', 'publish', 'catalog', 'status']) {
      expect(await page.getByTestId(`nav-${name}`).isVisible(), `nav link ${name}`).toBe(true);
    }
    await page.getByTestId('dev-signin').waitFor();
    expect(await page.getByTestId('user-menu').count()).toBe(0);
  });

  it('signs in with a name and a colour and shows the user in the top bar', async ({ onTestFailed }) => {
    onTestFailed(screenshotOnFailure('signin'));
    await page.getByLabel('Display name').fill(USER_NAME);
    await page.getByRole('radio', { name: USER_COLOR.label }).check();
    await page.getByTestId('signin-submit').click();

    await page.getByTestId('user-menu').waitFor();
    expect(await textOf(page.getByTestId('user-name'))).toBe(USER_NAME);
    const dotColor = await page
      .getByTestId('user-menu')
      .getByTestId('user-dot')
      .evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(dotColor).toBe(USER_COLOR.rgb);

    const stored = await page.evaluate(() => localStorage.getItem('ensemble.session'));
    const session = JSON.parse(stored ?? 'null') as {
      token?: string;
      user?: { name?: string; color?: string };
    };
    expect(session?.token, 'a token is stored').toBeTruthy();
    expect(session?.user).toMatchObject({ name: USER_NAME, color: USER_COLOR.hex });

    // The session survives a reload.
    await page.reload();
    await page.getByTestId('studio-page').waitFor();
    expect(await textOf(page.getByTestId('user-name'))).toBe(USER_NAME);
  });

  it('navigates to Studio, Publish and Catalog', async ({ onTestFailed }) => {
    onTestFailed(screenshotOnFailure('workspaces'));
    for (const [name, heading] of [
      ['studio', 'Studio'],
      ['publish', 'Publish'],
      ['catalog', 'Catalog'],
    ] as const) {
      await page.getByTestId(`nav-${name}`).click();
      await page.waitForURL(`**/${name}`);
      const workspace = page.getByTestId(`${name}-page`);
      await workspace.waitFor();
      expect(await textOf(workspace.getByRole('heading', { level: 1 }))).toBe(heading);
      // Each workspace has its own browser suite (e2e/studio.e2e.ts, e2e/publish.e2e.ts, e2e/catalog.e2e.ts).
      expect(await page.getByTestId(`nav-${name}`).getAttribute('aria-current')).toBe('page');
    }
  });

  it('shows database and migrations ok on the Status page', async ({ onTestFailed }) => {
    onTestFailed(screenshotOnFailure('status'));
    await page.getByTestId('nav-status').click();
    await page.waitForURL('**/status');
    await page.getByTestId('status-page').waitFor();

    await page.locator('[data-testid="status-summary"][data-state="ok"]').waitFor({ timeout: 15_000 });
    for (const check of ['liveness', 'readiness', 'database', 'migrations']) {
      expect(await page.getByTestId(`check-${check}`).getAttribute('data-state'), `check ${check}`).toBe(
        'ok',
      );
    }
    expect(await textOf(page.getByTestId('info-version'))).toMatch(/^\d+\.\d+\.\d+/);
    expect(await textOf(page.getByTestId('info-mode'))).toBe('Dev mode');
    expect(await textOf(page.getByTestId('info-database'))).toMatch(/PGlite|PostgreSQL/);
    expect(await textOf(page.getByTestId('info-uptime'))).toMatch(/\d+s|\d+m|\d+h|\d+d/);

    await page.screenshot({ path: join(artifactsDir, 'smoke-status.png'), fullPage: true });
  });

  it('fits a mobile viewport without horizontal scrolling', async ({ onTestFailed }) => {
    onTestFailed(screenshotOnFailure('mobile'));
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('status-page').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'page is wider than the viewport').toBeLessThanOrEqual(0);
    expect(await page.getByTestId('nav-catalog').isVisible()).toBe(true);
    expect(await page.getByTestId('dev-mode-badge').isVisible()).toBe(true);
    await page.screenshot({ path: join(artifactsDir, 'smoke-status-mobile.png'), fullPage: true });
  });

  it('signs out back to the sign-in form', async ({ onTestFailed }) => {
    onTestFailed(screenshotOnFailure('signout'));
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByTestId('sign-out').click();
    await page.getByTestId('nav-studio').click();
    await page.getByTestId('dev-signin').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('ensemble.session'))).toBeNull();
  });

  it('logged no errors in the browser', () => {
    expect(pageErrors).toEqual([]);
  });
});
