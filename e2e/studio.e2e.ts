/**
 * Studio in the browser (issue 5): two people in their own browser contexts edit one room together —
 * graph, cursors, locks, inspector, timeline, code carets, console, replay/restore, offline edits —
 * against the real server. Screenshots of each panel with both users go to docs/screenshots/.
 */
/// <reference lib="dom" />
// ^ page.waitForFunction() callbacks run in the browser.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.js';
import { artifactsDir, repoRoot } from './support/paths.js';
import { type RunningServer, startServer } from './support/server.js';
import { type BrowserUser, openUser, signInIfAsked } from './support/users.js';

const ROOM = 'e2e-room';
/**
 * Soft locks are released after this much idle time in the test (8 s in normal use). Ana renews her
 * edit right before each of Bo's attempts, so every attempt has this whole margin.
 */
const LOCK_IDLE_MS = 6_000;
const ROOM_URL = `/studio/${ROOM}?lockIdleMs=${LOCK_IDLE_MS}`;
const screenshots = join(repoRoot, 'docs/screenshots');

async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

const node = (page: Page, id: string) => page.locator(`[data-testid="graph-node"][data-node-id="${id}"]`);
const graphPanel = (page: Page) => page.getByTestId('panel-graph');

describe('Studio workspace (real server, two users in real Chromium)', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let ana: BrowserUser;
  let bo: BrowserUser;

  beforeAll(async () => {
    await mkdir(artifactsDir, { recursive: true });
    await mkdir(screenshots, { recursive: true });
    browser = await launchChromium();
    server = await startServer();
    ana = await openUser(browser, server.url, 'Ana');
    bo = await openUser(browser, server.url, 'Bo');
  });

  afterAll(async () => {
    await browser?.close();
    if (server) {
      const code = await server.stop();
      expect(code, `ensemble serve should exit cleanly.\n${server.stderr()}`).toBe(0);
    }
  });

  const onFailure = (name: string) => async () => {
    for (const user of [ana, bo]) {
      await user?.page
        .screenshot({ path: join(artifactsDir, `failed-studio-${name}-${user.name}.png`), fullPage: true })
        .catch(() => {});
    }
  };

  /** Moves the user's mouse over a panel (their cursor then shows in the other browser). */
  const hover = async (user: BrowserUser, panel: string, fx = 0.5, fy = 0.5) => {
    const target = user.page.getByTestId(`panel-${panel}`);
    const box = await target.boundingBox();
    if (!box) throw new Error(`panel ${panel} is not visible for ${user.name}`);
    // Playwright scrolls the point into view and checks nothing (e.g. the sticky app header) covers
    // it; a raw mouse move at page coordinates could land on the header, depending on scrolling.
    await target.hover({ position: { x: box.width * fx, y: box.height * fy } });
  };

  it('lists rooms with who is inside, and both users join the same room', async ({ onTestFailed }) => {
    onTestFailed(onFailure('join'));
    await ana.page.goto('/studio');
    await signInIfAsked(ana.page, 'Ana', 'Pink');
    await ana.page.getByTestId('studio-page').waitFor();

    await bo.page.goto(ROOM_URL);
    await signInIfAsked(bo.page, 'Bo', 'Blue');
    await bo.page.getByTestId('studio-workspace').waitFor();
    // A new room is seeded with a starter graph once synced.
    await node(bo.page, 'print').waitFor();

    // Ana's room list (polled) shows the room and that Bo is inside.
    const row = ana.page.getByTestId('studio-room').filter({ hasText: ROOM });
    await row.getByTestId('room-members').filter({ hasText: 'Inside: Bo' }).waitFor({ timeout: 20_000 });
    await ana.page.screenshot({ path: join(screenshots, 'studio-rooms.png') });
    await row.getByRole('link', { name: ROOM }).click();
    await ana.page.waitForURL(`**/studio/${ROOM}`);
    await ana.page.goto(ROOM_URL);
    await ana.page.getByTestId('studio-workspace').waitFor();
    await node(ana.page, 'print').waitFor();

    await ana.page.locator('[data-testid="avatar"][data-user="Bo"]').waitFor();
    await bo.page.locator('[data-testid="avatar"][data-user="Ana"]').waitFor();
    expect(await graphPanel(ana.page).getByTestId('graph-node').count()).toBe(6);
  });

  it('shows a graph edit made by Ana to Bo (add, rename, graph name)', async ({ onTestFailed }) => {
    onTestFailed(onFailure('graph'));
    const a = graphPanel(ana.page);
    await a.getByLabel('Node', { exact: true }).selectOption({ label: 'Multiply' });
    await a.getByRole('button', { name: 'Add', exact: true }).click();
    await bo.page.waitForFunction(
      () => document.querySelectorAll('[data-testid="panel-graph"] [data-testid="graph-node"]').length === 7,
    );

    await node(ana.page, 'print').click();
    const title = a.getByTestId('node-title-input');
    await title.fill('Print score');
    await title.press('Enter');
    await node(bo.page, 'print').getByTestId('node-title').filter({ hasText: 'Print score' }).waitFor();

    const name = a.getByTestId('graph-name');
    await name.fill('Player logic');
    await name.press('Enter');
    await bo.page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="panel-graph"] [data-testid="graph-name"]') as HTMLInputElement)
          ?.value === 'Player logic',
    );
  });

  it("draws Ana's cursor with her name in Bo's window", async ({ onTestFailed }) => {
    onTestFailed(onFailure('cursor'));
    await hover(ana, 'graph', 0.3, 0.6);
    const cursor = graphPanel(bo.page).locator('[data-testid="remote-cursor"][data-user="Ana"]');
    await cursor.waitFor();
    expect(await textOf(cursor)).toBe('Ana');
    await hover(bo, 'graph', 0.7, 0.4);
    await graphPanel(ana.page).locator('[data-testid="remote-cursor"][data-user="Bo"]').waitFor();
    await bo.page.getByTestId('panel-graph').screenshot({ path: join(screenshots, 'studio-graph.png') });
  });

  it('keeps Bo off a node Ana is editing, and lets him in once she goes idle', async ({ onTestFailed }) => {
    onTestFailed(onFailure('locks'));
    // Ana starts editing the Branch node's title: that takes a soft lock.
    await node(ana.page, 'branch').click();
    const anaTitle = graphPanel(ana.page).getByTestId('node-title-input');
    /** Ana is still at it: re-entering the field counts as editing and restarts her idle timer. */
    const anaKeepsEditing = async () => {
      await anaTitle.blur();
      await anaTitle.focus();
    };
    await anaTitle.focus();
    const locked = node(bo.page, 'branch');
    await bo.page
      .locator('[data-testid="graph-node"][data-node-id="branch"][data-locked-by="Ana"]')
      .waitFor();
    expect(await textOf(locked.getByTestId('node-lock'))).toBe('Being edited by Ana');

    // Bo cannot change it: the title field is disabled and a drag does not move it.
    await anaKeepsEditing();
    await locked.click();
    await expect.poll(() => graphPanel(bo.page).getByTestId('node-title-input').isDisabled()).toBe(true);
    await bo.page.getByTestId('panel-graph').screenshot({ path: join(screenshots, 'studio-locks.png') });
    // (Dragging a node that cannot move pans the canvas, so compare against a neighbour.)
    const offset = async () => {
      const [a, b] = [await locked.boundingBox(), await node(bo.page, 'print').boundingBox()];
      return { dx: Math.round((a?.x ?? 0) - (b?.x ?? 0)), dy: Math.round((a?.y ?? 0) - (b?.y ?? 0)) };
    };
    await anaKeepsEditing();
    const before = await offset();
    const box = await locked.boundingBox();
    await locked.hover();
    await bo.page.mouse.down();
    await bo.page.mouse.move((box?.x ?? 0) + 150, (box?.y ?? 0) + 80, { steps: 5 });
    await bo.page.mouse.up();
    expect(await offset()).toEqual(before);
    expect(await locked.getAttribute('data-locked-by')).toBe('Ana');

    // Ana stops typing; after the idle time her lock is released and Bo can rename the node.
    await graphPanel(ana.page).getByTestId('node-title-input').blur();
    await bo.page
      .locator('[data-testid="graph-node"][data-node-id="branch"]:not([data-locked-by])')
      .waitFor({ timeout: 20_000 });
    const title = graphPanel(bo.page).getByTestId('node-title-input');
    await expect.poll(() => title.isDisabled()).toBe(false);
    await title.fill('Branch (Bo)');
    await title.press('Enter');
    await node(ana.page, 'branch').getByTestId('node-title').filter({ hasText: 'Branch (Bo)' }).waitFor();

    // A hard lock shows as such until it is released.
    await node(ana.page, 'tick').click();
    await graphPanel(ana.page).getByRole('button', { name: 'Hard lock' }).click();
    await bo.page.locator('[data-testid="graph-node"][data-node-id="tick"][data-locked-by="Ana"]').waitFor();
    expect(await textOf(node(bo.page, 'tick').getByTestId('node-lock'))).toBe('Locked by Ana');
    await graphPanel(ana.page).getByRole('button', { name: 'Unlock' }).click();
    await bo.page.locator('[data-testid="graph-node"][data-node-id="tick"]:not([data-locked-by])').waitFor();
  });

  it('shares the selection (with who selected), inspector fields and the timeline', async ({
    onTestFailed,
  }) => {
    onTestFailed(onFailure('inspector'));
    await ana.page.getByTestId('panel-scene').getByTestId('scene-item').filter({ hasText: 'Helmet' }).click();
    await bo.page.getByTestId('selection-by').filter({ hasText: 'Selected by Ana' }).waitFor();
    await bo.page
      .locator('[data-testid="scene-item"][aria-selected="true"]')
      .filter({ hasText: 'Helmet' })
      .waitFor();

    // Different fields edited by different people both land.
    await bo.page.getByTestId('field-position.x').fill('2.5');
    await ana.page.getByTestId('field-material.roughness').fill('0.8');
    await ana.page.waitForFunction(
      () => (document.querySelector('[data-testid="field-position.x"]') as HTMLInputElement)?.value === '2.5',
    );
    await bo.page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="field-material.roughness"]') as HTMLInputElement)?.value ===
        '0.8',
    );
    await hover(ana, 'inspector', 0.5, 0.3);
    await bo.page
      .getByTestId('panel-inspector')
      .locator('[data-testid="remote-cursor"][data-user="Ana"]')
      .waitFor();
    await bo.page
      .getByTestId('panel-inspector')
      .screenshot({ path: join(screenshots, 'studio-inspector.png') });
    await hover(ana, 'scene', 0.5, 0.5);
    await bo.page
      .getByTestId('panel-scene')
      .locator('[data-testid="remote-cursor"][data-user="Ana"]')
      .waitFor();
    await bo.page.getByTestId('panel-scene').screenshot({ path: join(screenshots, 'studio-scene.png') });

    // Timeline: Ana scrubs, Bo sees where and who; Bo plays, Ana sees it playing.
    await ana.page.getByTestId('timeline-scrubber').fill('3.25');
    await bo.page.getByTestId('timeline-by').filter({ hasText: 'Scrubbed by Ana' }).waitFor();
    await bo.page.getByTestId('timeline-time').filter({ hasText: '3.25 s' }).waitFor();
    await bo.page.getByTestId('play-toggle').click();
    await ana.page.locator('[data-testid="play-toggle"][aria-pressed="true"]').waitFor();
    await ana.page.getByTestId('timeline-by').filter({ hasText: 'Played by Bo' }).waitFor();
    await hover(ana, 'timeline', 0.6, 0.5);
    await bo.page
      .getByTestId('panel-timeline')
      .locator('[data-testid="remote-cursor"][data-user="Ana"]')
      .waitFor();
    await bo.page
      .getByTestId('panel-timeline')
      .screenshot({ path: join(screenshots, 'studio-timeline.png') });
    await ana.page.getByTestId('play-toggle').click();
    await bo.page.locator('[data-testid="play-toggle"][aria-pressed="false"]').waitFor();
  });

  it("shows Ana's caret in Bo's code editor", async ({ onTestFailed }) => {
    onTestFailed(onFailure('code'));
    const editor = ana.page.getByTestId('code-editor').locator('.cm-content');
    await editor.click();
    await ana.page.keyboard.press('Control+Home');
    await ana.page.keyboard.type('// tuned by Ana\n');
    const theirs = bo.page.getByTestId('code-editor');
    await theirs.locator('.cm-content').filter({ hasText: '// tuned by Ana' }).waitFor();
    await theirs.locator('.cm-ySelectionCaret').first().waitFor();
    await hover(ana, 'shader', 0.3, 0.5);
    await bo.page
      .getByTestId('panel-shader')
      .locator('[data-testid="remote-cursor"][data-user="Ana"]')
      .waitFor();
    await bo.page.getByTestId('panel-shader').screenshot({ path: join(screenshots, 'studio-shader.png') });
  });

  it('shares console lines with who wrote them; filter and clear', async ({ onTestFailed }) => {
    onTestFailed(onFailure('console'));
    const mine = ana.page.getByTestId('panel-console');
    await mine.getByLabel('Level of the new line').selectOption('warn');
    await mine.getByLabel('Console message').fill('Shader compile took 40 ms');
    await mine.getByRole('button', { name: 'Log' }).click();
    await bo.page
      .getByTestId('console-line')
      .filter({ hasText: 'Shader compile took 40 ms' })
      .filter({ hasText: 'Ana' })
      .waitFor();
    const theirs = bo.page.getByTestId('panel-console');
    await theirs.getByLabel('Console message').fill('All good here');
    await theirs.getByRole('button', { name: 'Log' }).click();
    await ana.page.getByTestId('console-line').filter({ hasText: 'All good here' }).waitFor();
    await theirs.getByLabel('Level', { exact: true }).selectOption('warn');
    await expect.poll(() => theirs.getByTestId('console-line').count()).toBe(1);
    await hover(ana, 'console', 0.5, 0.4);
    await theirs.locator('[data-testid="remote-cursor"][data-user="Ana"]').waitFor();
    await theirs.screenshot({ path: join(screenshots, 'studio-console.png') });
    await theirs.getByLabel('Level', { exact: true }).selectOption('all');
    await theirs.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => mine.getByTestId('console-line').count()).toBe(0);
  });

  it('chats: round trip, typing, unread count, reactions, edit, delete, comments pinned to nodes', async ({
    onTestFailed,
  }) => {
    onTestFailed(onFailure('chat'));
    await hover(bo, 'graph', 0.5, 0.5);
    const a = ana.page.getByTestId('panel-chat');
    const b = bo.page.getByTestId('panel-chat');
    await a.getByLabel('Message', { exact: true }).fill('Hi Bo, look at the Branch node');
    await b.getByTestId('chat-typing').filter({ hasText: 'Ana is typing…' }).waitFor();
    await a.getByRole('button', { name: 'Send' }).click();
    const theirs = b.getByTestId('chat-message').filter({ hasText: 'Hi Bo, look at the Branch node' });
    await theirs.waitFor();
    await b.getByTestId('chat-unread').filter({ hasText: '1 unread' }).waitFor();
    await b.getByTestId('chat-typing').filter({ hasText: /^$/ }).waitFor();

    // Bo reacts; Ana sees the count and who reacted.
    await theirs.locator('[data-emoji="👍"]').click();
    const mine = a.getByTestId('chat-message').filter({ hasText: 'Hi Bo, look at the Branch node' });
    await mine.locator('[data-emoji="👍"] [data-testid="reaction-count"]').filter({ hasText: '1' }).waitFor();
    expect(await mine.locator('[data-emoji="👍"]').getAttribute('aria-label')).toContain('Bo');
    await b.getByTestId('chat-unread').waitFor({ state: 'detached' });

    // Ana edits her message; Bo replies.
    await mine.getByRole('button', { name: 'Edit' }).click();
    await a.getByLabel('Edit message').fill('Hi Bo, look at the Branch node!');
    await a.getByRole('button', { name: 'Save' }).click();
    await b.getByTestId('chat-text').filter({ hasText: 'Hi Bo, look at the Branch node!' }).waitFor();
    await b.getByLabel('Message', { exact: true }).fill('On it');
    await b.getByRole('button', { name: 'Send' }).click();
    await a.getByTestId('chat-message').filter({ hasText: 'On it' }).waitFor();

    // Bo pins a comment to the Branch node; Ana sees it on the node and in the list.
    await node(bo.page, 'branch').click();
    await b.getByTestId('comment-input').fill('Needs a cooldown');
    await b.getByRole('button', { name: 'Comment', exact: true }).click();
    await a.getByTestId('node-comment').filter({ hasText: 'Needs a cooldown' }).waitFor();
    await node(ana.page, 'branch').getByText('💬 1').waitFor();

    await hover(ana, 'chat', 0.5, 0.3);
    await b.locator('[data-testid="remote-cursor"][data-user="Ana"]').waitFor();
    await b.screenshot({ path: join(screenshots, 'studio-chat.png') });

    // Ana deletes her message: Bo sees that it was deleted.
    await a
      .getByTestId('chat-message')
      .filter({ hasText: 'Hi Bo' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await b.getByTestId('chat-message').filter({ hasText: 'Ana’s message was deleted' }).waitFor();
  });

  it('shares the assistant thread and shows the activity stream', async ({ onTestFailed }) => {
    onTestFailed(onFailure('assistant'));
    const asker = bo.page.getByTestId('panel-assistant');
    await asker.getByLabel('Question', { exact: true }).fill('Who is here?');
    await asker.getByRole('button', { name: 'Ask' }).click();
    const exchange = ana.page
      .getByTestId('panel-assistant')
      .getByTestId('assistant-exchange')
      .filter({ hasText: 'Who is here?' });
    await exchange
      .locator('.st-answer')
      .filter({ hasText: /people are here/ })
      .waitFor({ timeout: 20_000 });
    expect(await textOf(exchange.locator('.st-answer'))).toMatch(/Ana.*Bo|Bo.*Ana/);
    await hover(ana, 'assistant', 0.5, 0.3);
    await bo.page
      .getByTestId('panel-assistant')
      .locator('[data-testid="remote-cursor"][data-user="Ana"]')
      .waitFor();
    await bo.page
      .getByTestId('panel-assistant')
      .screenshot({ path: join(screenshots, 'studio-assistant.png') });

    const activity = bo.page.getByTestId('panel-activity');
    await activity.getByTestId('activity-entry').filter({ hasText: 'Ana' }).first().waitFor();
    await hover(ana, 'activity', 0.5, 0.3);
    await activity.locator('[data-testid="remote-cursor"][data-user="Ana"]').waitFor();
    await activity.screenshot({ path: join(screenshots, 'studio-activity.png') });
  });

  it('replays the room read-only at an earlier point, plays it back and restores it', async ({
    onTestFailed,
  }) => {
    onTestFailed(onFailure('replay'));
    await ana.page.getByTestId('replay-toggle').click();
    const replay = ana.page.getByTestId('replay');
    const position = replay.getByTestId('history-position');
    await expect.poll(async () => (await textOf(position)).split(' / ')[0]).not.toBe('0');
    const total = Number((await textOf(position)).split(' / ')[1]);
    expect(total).toBeGreaterThan(5);

    // The first change is the seeded room: the original graph name, six nodes, the original titles.
    await replay.getByTestId('history-slider').fill('0');
    const past = replay.getByTestId('past-view');
    await past.getByText('Player controller').waitFor();
    expect(await past.getByTestId('graph-node').count()).toBe(6);
    expect(await textOf(past.locator('[data-node-id="print"] [data-testid="node-title"]'))).toBe(
      'Print String',
    );
    await hover(bo, 'graph', 0.5, 0.5);
    await ana.page.screenshot({ path: join(screenshots, 'studio-replay.png') });

    // Playing at 16× streams the history back up to today's graph.
    await replay.getByRole('button', { name: '▶ 16×' }).click();
    await position.filter({ hasText: `${total} / ${total}` }).waitFor({ timeout: 60_000 });
    await past.getByText('Player logic').waitFor();

    // Restore the seeded version: a new edit that everyone receives.
    await replay
      .getByRole('button', { name: 'Stop' })
      .click()
      .catch(() => undefined);
    await replay.getByTestId('history-slider').fill('0');
    await past.getByText('Player controller').waitFor();
    await replay.getByRole('button', { name: 'Restore this version' }).click();
    await ana.page.getByTestId('panel-graph').waitFor();
    await bo.page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="panel-graph"] [data-testid="graph-name"]') as HTMLInputElement)
          ?.value === 'Player controller',
    );
    await node(bo.page, 'print').getByTestId('node-title').filter({ hasText: 'Print String' }).waitFor();
    expect(await graphPanel(bo.page).getByTestId('graph-node').count()).toBe(6);
  });

  it('queues edits made offline and converges after reconnecting', async ({ onTestFailed }) => {
    onTestFailed(onFailure('offline'));
    await bo.goOffline();
    await bo.page.locator('[data-testid="connection-badge"][data-status="offline"]').waitFor();
    const name = graphPanel(bo.page).getByTestId('graph-name');
    await name.fill('Edited offline by Bo');
    await name.press('Enter');
    // Meanwhile Ana renames a node.
    await node(ana.page, 'fmt').click();
    const title = graphPanel(ana.page).getByTestId('node-title-input');
    await title.fill('Format seconds');
    await title.press('Enter');
    await node(ana.page, 'fmt').getByTestId('node-title').filter({ hasText: 'Format seconds' }).waitFor();
    // Bo still sees the old title: he is offline.
    expect(await textOf(node(bo.page, 'fmt').getByTestId('node-title'))).toBe('To String');

    bo.goOnline();
    await bo.page
      .locator('[data-testid="connection-badge"][data-status="saved"]')
      .waitFor({ timeout: 30_000 });
    await ana.page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="panel-graph"] [data-testid="graph-name"]') as HTMLInputElement)
          ?.value === 'Edited offline by Bo',
    );
    await node(bo.page, 'fmt').getByTestId('node-title').filter({ hasText: 'Format seconds' }).waitFor();
  });

  it('works at phone width: panels become keyboard-navigable tabs', async ({ onTestFailed }) => {
    onTestFailed(onFailure('phone'));
    const cy = await openUser(browser!, server!.url, 'Cy', { viewport: { width: 390, height: 844 } });
    try {
      await cy.page.goto(ROOM_URL);
      await signInIfAsked(cy.page, 'Cy', 'Green');
      const tabs = cy.page.getByRole('tablist', { name: 'Studio panels' });
      await tabs.waitFor();
      const first = tabs.getByRole('tab', { name: 'Blueprint' });
      expect(await first.getAttribute('aria-selected')).toBe('true');
      await node(cy.page, 'print').waitFor();
      await first.focus();
      await cy.page.keyboard.press('ArrowRight');
      const scene = tabs.getByRole('tab', { name: 'Scene' });
      expect(await scene.getAttribute('aria-selected')).toBe('true');
      expect(await cy.page.evaluate(() => document.activeElement?.textContent)).toBe('Scene');
      await cy.page.getByTestId('panel-scene').getByTestId('scene-item').first().waitFor();
      await ana.page.locator('[data-testid="avatar"][data-user="Cy"]').waitFor();
      await cy.page.screenshot({ path: join(screenshots, 'studio-phone.png') });
      expect(cy.errors).toEqual([]);
    } finally {
      await cy.context.close();
    }
  });

  it('logged no errors in either browser', async () => {
    await ana.page.screenshot({ path: join(screenshots, 'studio-workspace.png'), fullPage: true });
    for (const user of [ana, bo]) {
      // Even the deliberately cut sockets (offline test) must not surface as errors.
      expect(user.errors, user.name).toEqual([]);
    }
  });
});
