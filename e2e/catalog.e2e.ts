import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.js';
import { artifactsDir } from './support/paths.js';
import { type RunningServer, startServer } from './support/server.js';

async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

async function signIn(page: Page, name: string): Promise<void> {
  await page.goto('/catalog');
  await page.getByLabel('Display name').fill(name);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('user-menu').waitFor();
}

describe('Catalog workspace (real server, real Chromium)', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await mkdir(artifactsDir, { recursive: true });
    browser = await launchChromium();
    server = await startServer();
    context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    if (server) {
      const code = await server.stop();
      expect(code, `ensemble serve should exit cleanly.\n${server.stderr()}`).toBe(0);
    }
  });

  const screenshotOnFailure = (name: string) => async () => {
    await page
      ?.screenshot({ path: join(artifactsDir, `failed-${name}.png`), fullPage: true })
      .catch(() => {});
  };

  it('browses the demo catalog (built on first start) and searches it', async ({ onTestFailed }) => {
    onTestFailed(screenshotOnFailure('catalog-browse'));
    await signIn(page, 'Grace Hopper');
    // The server builds the demo catalog in the background after listening; the page retries meanwhile.
    await page.getByTestId('product-grid').waitFor({ timeout: 60_000 });
    expect(await textOf(page.getByTestId('catalog-total'))).toMatch(/^\d{3} products$/);
    expect(await page.getByTestId('product-card').count()).toBe(24);

    await page.getByTestId('catalog-search').fill('fantom');
    await page.waitForURL('**/catalog?q=fantom');
    await expect.poll(() => textOf(page.getByTestId('catalog-total'))).toBe('4 products');
    await page.screenshot({ path: join(artifactsDir, 'catalog-browse.png'), fullPage: true });
  }, 90_000);

  it('opens a product page with header, three columns and the three relationship grids', async ({
    onTestFailed,
  }) => {
    onTestFailed(screenshotOnFailure('catalog-product'));
    await page.getByTestId('product-card').first().click();
    await page.waitForURL('**/catalog/RO-1001');
    const product = page.getByTestId('product-page');
    await product.getByTestId('product-header').waitFor();
    expect(await textOf(product.getByTestId('product-brand'))).toBe('Roland');
    expect(await textOf(product.getByTestId('product-price'))).toMatch(/€/);
    for (const id of ['product-info', 'product-details', 'official-resources']) {
      expect(await product.getByTestId(id).isVisible(), id).toBe(true);
    }
    await product.getByRole('tab', { name: 'Gallery' }).click();
    expect(await product.getByTestId('official-resources').getByRole('link').count()).toBeGreaterThan(0);

    const required = product.getByTestId('relations-necessities').getByTestId('link-card-required');
    const accessories = product.getByTestId('relations-accessories').getByTestId('link-card-accessory');
    const related = product.getByTestId('relations-related').getByTestId('link-card-related');
    expect(await required.count()).toBeGreaterThan(0);
    expect(await accessories.count()).toBeGreaterThan(0);
    expect(await related.count()).toBeGreaterThan(0);
    expect(await textOf(required.first())).toContain('REQUIRED');
    const red = await required.first().evaluate((el) => getComputedStyle(el).borderTopColor);
    const green = await accessories.first().evaluate((el) => getComputedStyle(el).borderTopColor);
    expect(red).not.toBe(green);

    // Hovering a link shows its reasons.
    const reasons = required.first().getByTestId('link-reasons');
    expect(await reasons.isVisible()).toBe(false);
    await required.first().hover();
    await reasons.waitFor({ state: 'visible' });
    expect(await textOf(reasons)).toMatch(/needed: (power|cables|mounting)/);
    await page.screenshot({ path: join(artifactsDir, 'catalog-product.png'), fullPage: true });
  }, 60_000);

  it('shows who else is viewing the product', async ({ onTestFailed }) => {
    onTestFailed(screenshotOnFailure('catalog-presence'));
    const other = await browser!.newContext({ baseURL: server!.url });
    try {
      const second = await other.newPage();
      await signIn(second, 'Alan Turing');
      await second.goto('/catalog/RO-1001');
      await second.getByTestId('product-header').waitFor({ timeout: 30_000 });
      await page.getByTestId('product-viewer').filter({ hasText: 'Alan Turing' }).waitFor();
      await second.getByTestId('product-viewer').filter({ hasText: 'Grace Hopper' }).waitFor();
    } finally {
      await other.close();
    }
  }, 60_000);

  it('clicking a relationship card opens that product', async ({ onTestFailed }) => {
    onTestFailed(screenshotOnFailure('catalog-navigate'));
    const card = page.getByTestId('relations-necessities').getByTestId('link-card-required').first();
    const sku = await card.getAttribute('data-sku');
    expect(sku).toBeTruthy();
    await card.click();
    await page.waitForURL(`**/catalog/${sku}`);
    await page
      .locator(`[data-testid="product-page"][data-sku="${sku}"]`)
      .getByTestId('product-header')
      .waitFor();
    // A power supply / cable / stand is a target item: it needs nothing itself (links are directional).
    expect(await page.getByTestId('relations-necessities').getByTestId('link-card-required').count()).toBe(0);
    await page.goBack();
    await page.waitForURL('**/catalog/RO-1001');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
