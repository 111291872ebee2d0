import { describe, expect, it } from 'vitest';
import { textDiff } from './textDiff';

const apply = (text: string, edit: ReturnType<typeof textDiff>) =>
  edit ? text.slice(0, edit.index) + edit.insert + text.slice(edit.index + edit.remove) : text;

describe('textDiff', () => {
  it('finds the one changed span', () => {
    expect(textDiff('hello world', 'hello brave world')).toEqual({ index: 6, remove: 0, insert: 'brave ' });
    expect(textDiff('hello world', 'hello')).toEqual({ index: 5, remove: 6, insert: '' });
    expect(textDiff('abc', 'abc')).toBeNull();
    expect(textDiff('aaa', 'aaaa')).toEqual({ index: 3, remove: 0, insert: 'a' });
  });

  it('always reproduces the new text', () => {
    const samples = ['', 'a', 'ab', 'abba', 'hello', 'hello world', 'héllo 🌍', 'xxabxx'];
    for (const a of samples) for (const b of samples) expect(apply(a, textDiff(a, b))).toBe(b);
  });
});
