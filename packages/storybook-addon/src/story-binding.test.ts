/**
 * Two viewers of one story on a real Ensemble node (dev mode, dev tokens): args, cursors and chat
 * through `StoryBinding`, with a stand-in for Storybook that re-renders after `updateArgs`.
 */
import { createClient, type EnsembleClient, type SocketFactory } from '@ensemble/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
// The app's test node (a real `ensemble` process in-process, embedded database), from source.
import type { EnsembleNode } from '../../app/src/runtime/node.js';
import { startTestNode } from '../../app/src/test-support/node.js';
import type { Args } from './arg-sync.js';
import type { PanelState } from './channel.js';
import { devToken, resolveConfig } from './config.js';
import { StoryBinding } from './story-binding.js';

const STORY = 'demo-button--primary';
const INITIAL: Args = { label: 'Button', size: 'medium', onClick: () => undefined };

interface Viewer {
  binding: StoryBinding;
  /** What "Storybook" shows. */
  shown: Args;
  /** Every patch the binding asked Storybook to apply. */
  applied: Args[];
  state: PanelState | undefined;
}

describe('StoryBinding on a real node', () => {
  let node: EnsembleNode;
  const clients: EnsembleClient[] = [];
  let ana: Viewer;
  let bo: Viewer;

  const join = async (name: string, color: string): Promise<Viewer> => {
    const config = resolveConfig(undefined, STORY, node.url)!;
    const grant = await devToken({ serverUrl: config.serverUrl, user: { name, color } });
    const client = createClient({
      url: config.syncUrl,
      token: grant.token,
      WebSocket: WebSocket as unknown as SocketFactory,
    });
    clients.push(client);
    const room = client.room(config.room);
    await room.whenSynced();
    const viewer = { shown: { ...INITIAL }, applied: [], state: undefined } as unknown as Viewer;
    viewer.binding = new StoryBinding({
      room,
      storyId: STORY,
      me: { id: grant.user?.id, name, color },
      initialArgs: viewer.shown,
      exclude: [],
      // Storybook applies the update and renders later, like the real UPDATE_STORY_ARGS round trip.
      updateArgs: (patch) => {
        viewer.applied.push(patch);
        queueMicrotask(() => {
          viewer.shown = { ...viewer.shown, ...patch };
          viewer.binding.localArgs(viewer.shown);
        });
      },
      onState: (state) => {
        viewer.state = state;
      },
    });
    return viewer;
  };

  /** A user edit in Storybook's Controls. */
  const edit = (viewer: Viewer, patch: Args) => {
    viewer.shown = { ...viewer.shown, ...patch };
    viewer.binding.localArgs(viewer.shown);
  };

  beforeAll(async () => {
    node = await startTestNode();
    ana = await join('Ana', '#e5484d');
    bo = await join('Bo', '#0090ff');
  });

  afterAll(async () => {
    ana?.binding.destroy();
    bo?.binding.destroy();
    for (const client of clients) client.close();
    await node?.close();
  });

  it('resolves the room and sync URL from the page origin', () => {
    const config = resolveConfig(undefined, STORY, 'https://docs.example.com');
    expect(config?.room).toBe(`story:${STORY}`);
    expect(config?.syncUrl).toBe('wss://docs.example.com/sync');
    expect(resolveConfig({ disable: true }, STORY, 'https://docs.example.com')).toBeUndefined();
    expect(() => resolveConfig({ serverUrl: 'ftp://x' }, STORY, 'https://a.b')).toThrow(/http\(s\)/);
    expect(resolveConfig({ cursorHz: 500 }, STORY, 'http://a.b')?.cursorHz).toBe(30);
  });

  it('shares an arg edited by one viewer with the other, without echo', async () => {
    edit(ana, { label: 'Hello' });
    await vi.waitFor(() => expect(bo.shown.label).toBe('Hello'), { timeout: 15_000 });
    edit(bo, { size: 'large' });
    await vi.waitFor(() => expect(ana.shown.size).toBe('large'), { timeout: 15_000 });
    // Let any (wrong) echo travel, then check each side applied exactly the other's one change.
    await ana.binding.sendChat('sync point');
    await vi.waitFor(() => expect(bo.state?.chat.some((l) => l.text === 'sync point')).toBe(true), {
      timeout: 15_000,
    });
    expect(bo.applied).toEqual([{ label: 'Hello' }]);
    expect(ana.applied).toEqual([{ size: 'large' }]);
    // Actions are functions: never shared, each viewer keeps its own.
    expect(typeof bo.shown.onClick).toBe('function');
  });

  it('shows each viewer to the other with name, colour and cursor', async () => {
    ana.binding.setCursor({ x: 12, y: 34 });
    await vi.waitFor(
      () => {
        const other = bo.binding.others().find((o) => o.person.name === 'Ana');
        expect(other?.cursor).toEqual({ x: 12, y: 34 });
        expect(other?.person.color).toBe('#e5484d');
      },
      { timeout: 15_000 },
    );
    expect(bo.state?.others.map((p) => p.name)).toEqual(['Ana']);
    ana.binding.setCursor(null);
    await vi.waitFor(() => expect(bo.state?.others[0]?.pointing).toBe(false), { timeout: 15_000 });
  });

  it('runs chat through the room and reports a refused message', async () => {
    await bo.binding.sendChat('  hi Ana  ');
    await vi.waitFor(
      () =>
        expect(ana.state?.chat.find((l) => l.text === 'hi Ana')).toMatchObject({ name: 'Bo', mine: false }),
      { timeout: 15_000 },
    );
    expect(bo.state?.chat.find((l) => l.text === 'hi Ana')?.mine).toBe(true);
    const before = ana.state?.chat.length;
    await bo.binding.sendChat('   '); // nothing to send
    await bo.binding.sendChat('x'.repeat(100_000));
    expect(bo.state?.chatError).toMatch(/at most/);
    expect(ana.state?.chat.length).toBe(before);
  });
});
