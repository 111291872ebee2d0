/**
 * Publish in the browser (issue 6): a dev user connects an account, schedules a post in the
 * composer, sees the server's in-process worker publish it to a fake platform started here, then
 * sees a post fail with the platform's reason and retries it to success.
 */
/// <reference lib="dom" />
// ^ page.waitForFunction() callbacks run in the browser.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Test code of the publish package (a local Graph/LinkedIn stand-in), imported from source.
import { type FakePlatform, startFakePlatform } from '../packages/publish/src/test-support/fake-platform.js';
import { launchChromium } from './support/browser.js';
import { artifactsDir } from './support/paths.js';
import { type RunningServer, startServer } from './support/server.js';

const ZONE = 'Europe/Paris';

async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

/**
 * A `datetime-local` value in ZONE for "now" (the minute has begun, so the post is due at once; the
 * API accepts up to 60 s in the past). Late in a minute, the next minute keeps clear of that limit.
 */
function dueNowInZone(): string {
  const now = new Date();
  const at = now.getSeconds() >= 40 ? new Date(now.getTime() + 60_000) : now;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: ZONE,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

describe('Publish workspace (real server + worker, fake platform, real Chromium)', () => {
  let fake: FakePlatform;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await mkdir(artifactsDir, { recursive: true });
    fake = await startFakePlatform();
    browser = await launchChromium();
    server = await startServer({
      env: { ENSEMBLE_PUBLISH_GRAPH_URL: fake.url, ENSEMBLE_PUBLISH_LINKEDIN_URL: fake.url },
    });
    context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1360, height: 900 },
      timezoneId: ZONE,
    });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
  });

  afterAll(async () => {
    await browser?.close();
    if (server) {
      const code = await server.stop();
      expect(code, `ensemble serve should exit cleanly.\n${server.stderr()}`).toBe(0);
    }
    await fake?.close();
  });

  const screenshotOnFailure = (name: string) => async () => {
    await page
      ?.screenshot({ path: join(artifactsDir, `failed-${name}.png`), fullPage: true })
      .catch(() => {});
  };

  /** The open post's status, once it is one of `wanted` (the detail view polls the API). */
  const waitForStatus = async (wanted: string) => {
    await page.getByTestId('post-detail').getByTestId('post-status').filter({ hasText: wanted }).waitFor({
      timeout: 30_000,
    });
  };

  const compose = async (content: string, draft = false) => {
    await page.getByRole('button', { name: 'Posts' }).click();
    const close = page.getByTestId('post-detail').getByRole('button', { name: 'Close' });
    if (await close.count()) await close.click();
    const composer = page.getByRole('form', { name: 'Compose a post' });
    await composer.getByLabel('Content').fill(content);
    await composer.getByRole('checkbox', { name: /E2E Page/ }).check();
    await composer.getByLabel('Time zone').selectOption(ZONE);
    await composer.getByLabel('Date and time').fill(dueNowInZone());
    await composer.getByRole('button', { name: draft ? 'Save draft' : 'Schedule' }).click();
    await page.getByTestId('post-detail').waitFor();
  };

  it('signs in (dev) and connects an account to the demo company', async ({ onTestFailed }) => {
    onTestFailed(screenshotOnFailure('publish-connect'));
    await page.goto('/publish');
    await page.getByLabel('Display name').fill('Grace');
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('publish-page').waitFor();
    await page.getByRole('button', { name: 'Accounts' }).click();
    const form = page.getByRole('form', { name: 'Connect an account' });
    await form.getByLabel('Page id').fill('page-e2e');
    await form.getByLabel('Name').fill('E2E Page');
    await form.getByLabel('Access token').fill('EAAB-e2e');
    await form.getByRole('button', { name: 'Connect' }).click();
    await page.getByTestId('account').filter({ hasText: 'E2E Page' }).waitFor();
    expect(await textOf(page.getByTestId('account').first())).toContain('connected');
  });

  it('schedules a post in the browser and sees the worker publish it', async ({ onTestFailed }) => {
    onTestFailed(screenshotOnFailure('publish-schedule'));
    await compose('Hello from the browser');
    await waitForStatus('Published');
    expect(fake.postsWithText('Hello from the browser')).toHaveLength(1);
    const history = page.getByTestId('attempt-history');
    expect(await textOf(history)).toContain('Attempt started');
    expect(await textOf(history)).toContain('Published');
    // The list shows it too, with its status.
    const row = page.getByTestId('post-row').filter({ hasText: 'Hello from the browser' });
    await row.getByTestId('post-status').filter({ hasText: 'Published' }).waitFor();
  });

  it('shows a failure with the platform’s reason and retries it', async ({ onTestFailed }) => {
    onTestFailed(screenshotOnFailure('publish-retry'));
    fake.inject(
      { method: 'POST', path: /\/feed$/ },
      { kind: 'error', status: 400, body: { error: { code: 100, message: 'Invalid parameter (e2e)' } } },
    );
    await compose('This one fails first');
    await waitForStatus('Failed');
    expect(await textOf(page.getByTestId('post-error'))).toContain('Invalid parameter (e2e)');
    expect(fake.postsWithText('This one fails first')).toHaveLength(0);
    await page.screenshot({ path: join(artifactsDir, 'publish-failed.png'), fullPage: true });

    await page.getByRole('button', { name: 'Retry now' }).click();
    await waitForStatus('Published');
    expect(fake.postsWithText('This one fails first')).toHaveLength(1);
    const events = await textOf(page.getByTestId('attempt-history'));
    expect(events).toMatch(/Failed[\s\S]*Attempt started[\s\S]*Published/);
    await page.screenshot({ path: join(artifactsDir, 'publish.png'), fullPage: true });
  });

  it('edits a draft live with a second user (room post:<id>), then schedules what both see', async ({
    onTestFailed,
  }) => {
    onTestFailed(screenshotOnFailure('publish-draft'));
    await compose('Draft together', true);
    const mine = page.getByTestId('draft-editor').getByLabel('Draft text');
    await page.getByTestId('draft-editor').getByText('Live draft').waitFor();

    // A second dev user opens the same post: same company (demo), same room.
    const other = await browser!.newContext({ baseURL: server!.url, timezoneId: ZONE });
    try {
      const theirs = await other.newPage();
      await theirs.goto(page.url());
      await theirs.getByLabel('Display name').fill('Linus');
      await theirs.getByTestId('signin-submit').click();
      const editor = theirs.getByTestId('draft-editor').getByLabel('Draft text');
      await theirs.waitForFunction(
        () =>
          document.querySelector<HTMLTextAreaElement>('[aria-label="Draft text"]')?.value ===
          'Draft together',
      );
      await editor.fill('Draft together, edited by Linus');
      await page.waitForFunction(
        () =>
          document.querySelector<HTMLTextAreaElement>('[aria-label="Draft text"]')?.value ===
          'Draft together, edited by Linus',
      );
      await page.getByTestId('draft-peer').filter({ hasText: 'Linus' }).waitFor();
      expect(await mine.inputValue()).toBe('Draft together, edited by Linus');
      // The draft room has a chat: Linus asks, Grace sees it live and answers.
      const theirChat = theirs.getByTestId('draft-chat');
      await theirChat.getByLabel('Message').fill('Shall we add a photo?');
      await theirChat.getByRole('button', { name: 'Send' }).click();
      const myChat = page.getByTestId('draft-chat');
      await myChat.getByTestId('draft-chat-message').filter({ hasText: 'Shall we add a photo?' }).waitFor();
      await myChat.getByLabel('Message').fill('Not this time');
      await myChat.getByRole('button', { name: 'Send' }).click();
      await theirChat.getByTestId('draft-chat-message').filter({ hasText: 'Not this time' }).waitFor();
      await page.screenshot({ path: join(artifactsDir, 'publish-draft.png'), fullPage: true });
      // The editor who typed saves the room's text to the post (debounced); wait for that.
      await theirs.locator('[data-testid="draft-editor"][data-save="saved"]').waitFor();
    } finally {
      await other.close();
    }
    const detail = page.getByTestId('post-detail');
    await detail.getByLabel('Time zone').selectOption(ZONE);
    await detail.getByLabel('Date and time').fill(dueNowInZone());
    await detail.getByRole('button', { name: 'Schedule' }).click();
    await waitForStatus('Published');
    expect(fake.postsWithText('Draft together, edited by Linus')).toHaveLength(1);
  });

  it('attaches a catalog product: a card in the composer and the post, a link in the published text', async ({
    onTestFailed,
  }) => {
    onTestFailed(screenshotOnFailure('publish-product'));
    await page.getByRole('button', { name: 'Posts' }).click();
    const close = page.getByTestId('post-detail').getByRole('button', { name: 'Close' });
    if (await close.count()) await close.click();
    const composer = page.getByRole('form', { name: 'Compose a post' });
    await composer.getByLabel('Content').fill('Featured in the shop');
    // The demo catalog builds in the background on first start: search until it answers.
    const results = composer.getByRole('list', { name: 'Catalog results' }).getByRole('button');
    for (let i = 0; (await results.count()) === 0; i++) {
      if (i === 60) throw new Error('the catalog never answered the search');
      await composer.getByLabel('Search the catalog').fill(i % 2 ? 'Roland' : 'roland');
      await page.waitForTimeout(500);
    }
    const pick = results.first();
    const sku = ((await pick.locator('.muted').textContent()) ?? '').trim();
    await pick.click();
    const card = composer.getByTestId('product-card');
    await card.waitFor();
    expect(await textOf(card)).toContain(sku);
    await page.screenshot({ path: join(artifactsDir, 'publish-product.png'), fullPage: true });
    await composer.getByRole('checkbox', { name: /E2E Page/ }).check();
    await composer.getByLabel('Time zone').selectOption(ZONE);
    await composer.getByLabel('Date and time').fill(dueNowInZone());
    await composer.getByRole('button', { name: 'Schedule' }).click();
    await page.getByTestId('post-detail').getByTestId('product-card').waitFor();
    await waitForStatus('Published');
    const published = fake.posts.filter((p) => p.text?.startsWith('Featured in the shop'));
    expect(published).toHaveLength(1);
    expect(published[0]!.text).toContain(`/catalog/${encodeURIComponent(sku)}`);
  });

  it('pages through more posts than fit on one page', async ({ onTestFailed }) => {
    onTestFailed(screenshotOnFailure('publish-pages'));
    // 60 more drafts through the API (same dev session as the page), so the list has over 50.
    const created = await page.evaluate(async () => {
      const session = JSON.parse(localStorage.getItem('ensemble.session') ?? '{}') as { token: string };
      const headers = { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' };
      const base = '/api/v1/publish/companies/demo';
      const { accounts } = (await (await fetch(`${base}/accounts`, { headers })).json()) as {
        accounts: { id: string }[];
      };
      for (let i = 0; i < 60; i++) {
        const r = await fetch(`${base}/posts`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            accountId: accounts[0]!.id,
            content: `Bulk draft ${String(i).padStart(2, '0')}`,
            timeZone: 'UTC',
            draft: true,
          }),
        });
        if (r.status !== 201) return `post ${i}: ${r.status} ${await r.text()}`;
      }
      return 'ok';
    });
    expect(created).toBe('ok');
    await page.getByRole('button', { name: 'Posts' }).click();
    const list = page.getByRole('region', { name: 'Posts', exact: true });
    // Newest first: the last bulk draft is on page 1, the first ones (and older posts) are not.
    await list.getByTestId('post-row').filter({ hasText: 'Bulk draft 59' }).waitFor();
    expect(await list.getByTestId('post-row').count()).toBe(50);
    expect(await list.getByTestId('post-row').filter({ hasText: 'Hello from the browser' }).count()).toBe(0);
    await list.getByRole('button', { name: 'Older' }).click();
    await list.getByTestId('post-page').filter({ hasText: 'Page 2' }).waitFor();
    await list.getByTestId('post-row').filter({ hasText: 'Hello from the browser' }).waitFor();
    expect(await list.getByTestId('post-row').filter({ hasText: 'Bulk draft 59' }).count()).toBe(0);
    await list.getByRole('button', { name: 'Newer' }).click();
    await list.getByTestId('post-row').filter({ hasText: 'Bulk draft 59' }).waitFor();
  });

  it('shows the posts on the calendar', async ({ onTestFailed }) => {
    onTestFailed(screenshotOnFailure('publish-calendar'));
    await page.getByRole('button', { name: 'Calendar' }).click();
    const calendar = page.getByTestId('calendar');
    await calendar.getByRole('button', { name: /Hello from the browser/ }).waitFor();
    await calendar.getByRole('button', { name: 'Week' }).click();
    await calendar.getByRole('button', { name: /This one fails first/ }).waitFor();
    await page.screenshot({ path: join(artifactsDir, 'publish-calendar.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
