import { describe, expect, it } from 'vitest';
import { MAX_EMOJI_CHARS, MAX_PAGE, MAX_TEXT_CHARS, parseChat, toFilter } from './params.js';

const id = '6f1c4f8e-3a52-4c1e-9d7e-2b8a4c6d1e0f';

describe('chat params', () => {
  it('trims text and applies defaults', () => {
    expect(parseChat('send', { text: '  hi  ' })).toEqual({ text: 'hi' });
    expect(parseChat('list', {})).toEqual({ limit: 50 });
    expect(parseChat('export', {})).toEqual({ format: 'json', limit: 100_000 });
    expect(parseChat('resolve', { id })).toEqual({ id, resolved: true });
    expect(parseChat('list', undefined)).toEqual({ limit: 50 });
  });

  it('enforces sizes with messages that name the field and the limit', () => {
    expect(() => parseChat('send', { text: 'x'.repeat(MAX_TEXT_CHARS + 1) })).toThrow(
      `invalid chat send: text: must be at most ${MAX_TEXT_CHARS} characters`,
    );
    expect(() => parseChat('react', { id, emoji: 'x'.repeat(MAX_EMOJI_CHARS + 1) })).toThrow(
      `emoji: must be at most ${MAX_EMOJI_CHARS} characters`,
    );
    expect(() => parseChat('list', { limit: MAX_PAGE + 1 })).toThrow(/invalid chat list: limit/);
    expect(() => parseChat('search', { q: '' })).toThrow('invalid chat search: q: must not be empty');
  });

  it('accepts emoji and short codes, refuses spaces and control characters', () => {
    for (const emoji of ['👍', '👨‍👩‍👧', ':tada:', '🇫🇷'])
      expect(parseChat('react', { id, emoji }).emoji).toBe(emoji);
    for (const emoji of ['a b', '\u0007', ''])
      expect(() => parseChat('react', { id, emoji })).toThrow(/emoji/);
  });

  it('validates anchors by kind', () => {
    expect(parseChat('comment', { text: 't', anchor: { kind: 'node', id: 'node:1' } }).anchor).toEqual({
      kind: 'node',
      id: 'node:1',
    });
    expect(() => parseChat('comment', { text: 't' })).toThrow(/anchor/);
    expect(() =>
      parseChat('comment', { text: 't', anchor: { kind: 'text', field: 'code', start: 'AQ==' } }),
    ).toThrow(/anchor.end/);
    expect(() =>
      parseChat('comment', { text: 't', anchor: { kind: 'text', field: 'c', start: 'a b', end: 'AQ==' } }),
    ).toThrow(/base64/);
  });

  it('refuses ids that are not message ids, and times that are not ISO date-times', () => {
    expect(() => parseChat('delete', { id: '1; DROP TABLE chat_messages' })).toThrow(
      /id: must be a message id/,
    );
    expect(() => parseChat('stats', { from: 'yesterday' })).toThrow(/from: must be an ISO 8601 date-time/);
  });

  it('turns time bounds into dates and refuses an inverted range', () => {
    expect(toFilter({ from: '2026-01-01T00:00:00Z' }).from).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(() => toFilter({ from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' })).toThrow(
      'from must not be after to',
    );
  });
});
