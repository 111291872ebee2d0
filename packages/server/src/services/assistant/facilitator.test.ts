import { describe, expect, it } from 'vitest';
import type { RoomFacts } from './answerer.js';
import { FACILITATOR_HELP, Facilitator, facilitate } from './facilitator.js';

const NOW = Date.parse('2025-03-01T10:00:00.000Z');
const min = (n: number) => NOW - n * 60_000;

function facts(overrides: Partial<RoomFacts> = {}): RoomFacts {
  return {
    room: 'project:7',
    now: () => NOW,
    people: () => [
      { userId: 'ana', name: 'Ana', connections: 2, status: 'editing', typingIn: 'node:7' },
      { userId: 'bo', name: 'Bo', connections: 1, status: 'away', typingIn: null },
    ],
    locks: async () => [
      {
        resource: 'node:1',
        kind: 'hard',
        owner: { userId: 'ana', name: 'Ana', connectionId: 'c1' },
        token: 10,
        acquiredAt: min(3),
        expiresAt: null,
        region: null,
      },
      {
        resource: 'canvas',
        kind: 'region',
        owner: { userId: 'bo', name: 'Bo', connectionId: 'c2' },
        token: 11,
        acquiredAt: min(1),
        expiresAt: NOW + 5_000,
        region: { x: 0, y: 0, width: 10, height: 20 },
      },
    ],
    recentChat: async () => [
      {
        id: '1',
        userId: 'ana',
        userName: 'Ana',
        text: 'shall we rename node 7?',
        at: new Date(min(30)).toISOString(),
      },
      {
        id: '2',
        userId: 'bo',
        userName: 'Bo',
        text: 'yes, call it "Mixer"',
        at: new Date(min(29)).toISOString(),
      },
      { id: '3', userId: 'ana', userName: 'Ana', text: 'done', at: new Date(min(28)).toISOString() },
    ],
    activity: async (windowMs) => ({
      windowMs,
      since: new Date(NOW - windowMs).toISOString(),
      users: [
        {
          userId: 'ana',
          userName: 'Ana',
          edits: 12,
          messages: 0,
          saves: 0,
          locks: 0,
          runs: 0,
          builds: 0,
          lastActiveAt: '',
          text: 'Ana: 12 edits in the last 15 min',
        },
      ],
      text: 'Ana: 12 edits in the last 15 min',
    }),
    keyHistory: async (target) => ({
      target,
      scanned: 40,
      complete: true,
      changes: [
        { userId: 'ana', name: 'Ana', at: new Date(min(20)).toISOString(), seq: 3 },
        { userId: 'bo', name: 'Bo', at: new Date(min(10)).toISOString(), seq: 9 },
        { userId: 'bo', name: 'Bo', at: new Date(min(2)).toISOString(), seq: 12 },
      ],
    }),
    changesSince: async (at) => ({
      since: new Date(at).toISOString(),
      authors: ['Ana', 'Bo'],
      changes: [
        { root: 'graph', kind: 'map', key: 'node:7', change: 'changed', by: ['Bo'] },
        { root: 'graph', kind: 'map', key: 'node:9', change: 'added', by: ['Ana'] },
        { root: 'code', kind: 'text', change: 'changed', range: [4, 10], by: ['Ana'] },
      ],
    }),
    lastVersion: async () => ({ name: 'v1', at: min(45) }),
    ...overrides,
  };
}

describe('the room facilitator', () => {
  it('says who is here, with status, typing and tabs', async () => {
    expect(await facilitate('who is here?', facts())).toBe(
      '2 people are here: Ana (editing, typing in node:7, 2 tabs) and Bo (away).',
    );
    expect(await facilitate('who is here?', facts({ people: () => [] }))).toBe(
      'Nobody is connected to this room right now.',
    );
  });

  it('says who changed a node and when', async () => {
    expect(await facilitate('Who changed node 7?', facts())).toBe(
      [
        'node:7 was changed 3 times by Bo and Ana.',
        'Last change: Bo at 09:58:00 UTC (2 min ago).',
        'First change: Ana at 09:40:00 UTC (20 min ago).',
        '- Bo: 2 changes, last at 09:58:00 UTC (2 min ago)',
        '- Ana: 1 change, last at 09:40:00 UTC (20 min ago)',
      ].join('\n'),
    );
    const none = facts({
      keyHistory: async (target) => ({ target, changes: [], scanned: 5_000, complete: false }),
    });
    expect(await facilitate('who changed node:99', none)).toBe(
      'Nobody has changed node:99 in the last 5,000 updates.',
    );
  });

  it('lists what changed since a time or the last version', async () => {
    let asked = 0;
    const f = facts({
      changesSince: async (at) => {
        asked = at;
        return facts().changesSince(at);
      },
    });
    expect(await facilitate('What changed since 10 minutes ago?', f)).toBe(
      [
        'Since 09:50:00 UTC (10 min ago): 3 changes by Ana and Bo.',
        '- graph › node:7 changed (Bo)',
        '- graph › node:9 added (Ana)',
        '- code changed at 4–10 (Ana)',
      ].join('\n'),
    );
    expect(asked).toBe(min(10));
    expect(await facilitate('what changed since the last version?', f)).toMatch(
      /^Since the version "v1" \(09:15:00 UTC \(45 min ago\)\): 3 changes/,
    );
    expect(await facilitate('what changed since teatime?', f)).toMatch(
      /^I could not read the time "teatime\?"/,
    );
    expect(
      await facilitate(
        'what changed?',
        facts({ changesSince: async () => ({ since: '', authors: [], changes: [] }) }),
      ),
    ).toBe('Nothing has changed since 09:00:00 UTC (60 min ago).');
  });

  it('lists who holds which locks', async () => {
    expect(await facilitate('who holds which locks?', facts())).toBe(
      [
        '2 locks are held:',
        '- node:1: hard lock by Ana since 09:57:00 UTC (3 min ago)',
        '- canvas: region lock by Bo (region 0,0 10×20) since 09:59:00 UTC (1 min ago), expires in 5 s',
      ].join('\n'),
    );
    expect(await facilitate('any locks?', facts({ locks: async () => [] }))).toBe(
      'No locks are held right now.',
    );
  });

  it('summarizes the chat, and says so when the room has none', async () => {
    expect(await facilitate('summarize the chat', facts())).toBe(
      [
        'The last 3 messages (from 09:30:00 UTC (30 min ago)) came from Ana (2) and Bo (1).',
        'Latest:',
        '- Ana: shall we rename node 7?',
        '- Bo: yes, call it "Mixer"',
        '- Ana: done',
      ].join('\n'),
    );
    expect(await facilitate('summarize the chat', facts({ recentChat: async () => null }))).toBe(
      'Chat is not available in this room.',
    );
  });

  it('summarizes activity and explains itself for anything else', async () => {
    expect(await facilitate('what has everyone been doing?', facts())).toBe(
      '- Ana: 12 edits in the last 15 min',
    );
    expect(await facilitate('tell me a joke', facts())).toBe(
      `I can't answer that from the room's data.\n${FACILITATOR_HELP}`,
    );
  });

  it('takes every question as the only answerer, only known ones next to a model', () => {
    expect(new Facilitator(true).accepts('tell me a joke', NOW)).toBe(true);
    expect(new Facilitator(false).accepts('tell me a joke', NOW)).toBe(false);
    expect(new Facilitator(false).accepts('who is here', NOW)).toBe(true);
  });
});
