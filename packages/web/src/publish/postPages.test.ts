import { describe, expect, it } from 'vitest';
import { currentCursor, firstPage, newerPage, olderPage, pageNumber } from './postPages';

describe('post list pages', () => {
  it('goes older with each next cursor and back newer the same way', () => {
    let trail = firstPage();
    expect(currentCursor(trail)).toBeNull();
    expect(pageNumber(trail)).toBe(1);
    trail = olderPage(trail, 'c1');
    trail = olderPage(trail, 'c2');
    expect(currentCursor(trail)).toBe('c2');
    expect(pageNumber(trail)).toBe(3);
    trail = newerPage(trail);
    expect(currentCursor(trail)).toBe('c1');
    trail = newerPage(newerPage(trail));
    // Never past the newest page.
    expect(currentCursor(trail)).toBeNull();
    expect(pageNumber(trail)).toBe(1);
  });
});
