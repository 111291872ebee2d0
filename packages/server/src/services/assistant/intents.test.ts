import { describe, expect, it } from 'vitest';
import { normalizeTarget, parseDuration, parseIntent, parseSince } from './intents.js';

const NOW = Date.parse('2025-03-01T10:00:00.000Z');

describe('parseIntent', () => {
  it.each([
    ['Who is here?', { kind: 'who-is-here' }],
    ["who's online", { kind: 'who-is-here' }],
    ['Who else is in this room?', { kind: 'who-is-here' }],
    ['Who changed node:7?', { kind: 'who-changed', target: 'node:7' }],
    ['who edited node 12', { kind: 'who-changed', target: 'node:12' }],
    ['When was node #3 last changed?', { kind: 'who-changed', target: 'node:3' }],
    ['who modified `title`?', { kind: 'who-changed', target: 'title' }],
    ['who changed node:7 since yesterday?', { kind: 'who-changed', target: 'node:7' }],
    ['Who holds which locks?', { kind: 'locks' }],
    ['what is locked right now', { kind: 'locks' }],
    ['Summarize the chat', { kind: 'chat' }],
    ['what did we discuss?', { kind: 'chat' }],
    ['What has everyone been doing?', { kind: 'activity', windowMs: 15 * 60_000 }],
    ['activity in the last hour', { kind: 'activity', windowMs: 3_600_000 }],
    ['help', { kind: 'help' }],
    ['what can you do?', { kind: 'help' }],
    ['What is the meaning of life?', { kind: 'unknown' }],
  ])('%s', (question, intent) => {
    expect(parseIntent(question, NOW)).toEqual(intent);
  });

  it('reads the time in "what changed since …" questions', () => {
    expect(parseIntent('What changed since 10 minutes ago?', NOW)).toEqual({
      kind: 'changes-since',
      since: { at: NOW - 600_000 },
      said: '10 minutes ago?',
    });
    expect(parseIntent('what changed in the last 2 hours', NOW)).toMatchObject({
      since: { at: NOW - 7_200_000 },
    });
    expect(parseIntent('what changed since the last version?', NOW)).toMatchObject({
      since: { lastVersion: true },
    });
    expect(parseIntent('what changed?', NOW)).toEqual({
      kind: 'changes-since',
      since: { at: NOW - 3_600_000 },
      said: 'the last hour',
    });
    expect(parseIntent('what changed since the dawn of time', NOW)).toMatchObject({ since: null });
    expect(parseIntent('who changed anything since 09:30?', NOW)).toMatchObject({
      kind: 'changes-since',
      since: { at: Date.parse('2025-03-01T09:30:00Z') },
    });
  });
});

describe('time and target parsing', () => {
  it('parses durations', () => {
    expect(parseDuration('5 min')).toBe(300_000);
    expect(parseDuration('an hour')).toBe(3_600_000);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('2 days')).toBe(172_800_000);
    expect(parseDuration('soon')).toBeNull();
  });

  it('parses moments', () => {
    expect(parseSince('yesterday', NOW)).toEqual({ at: Date.parse('2025-02-28T00:00:00Z') });
    expect(parseSince('today', NOW)).toEqual({ at: Date.parse('2025-03-01T00:00:00Z') });
    // A clock time still to come today means yesterday's.
    expect(parseSince('14:30', NOW)).toEqual({ at: Date.parse('2025-02-28T14:30:00Z') });
    expect(parseSince('2025-02-27T08:00:00Z', NOW)).toEqual({ at: Date.parse('2025-02-27T08:00:00Z') });
    expect(parseSince('25:00', NOW)).toBeNull();
  });

  it('normalizes what people call a node', () => {
    expect(normalizeTarget('the node 7?')).toBe('node:7');
    expect(normalizeTarget('node#abc-1')).toBe('node:abc-1');
    expect(normalizeTarget('"title"')).toBe('title');
  });
});
