/**
 * Where the post list is: the cursor of every page visited, newest page first (`null`). The API's
 * keyset cursors only go forward (older), so going back (newer) pops the trail.
 */
export interface PageTrail {
  readonly cursors: readonly (string | null)[];
}

export const POSTS_PER_PAGE = 50;

export const firstPage = (): PageTrail => ({ cursors: [null] });

/** The cursor to load the current page with (`null` = the newest posts). */
export const currentCursor = (trail: PageTrail): string | null => trail.cursors.at(-1) ?? null;

/** 1-based page number. */
export const pageNumber = (trail: PageTrail): number => trail.cursors.length;

export const olderPage = (trail: PageTrail, nextCursor: string): PageTrail => ({
  cursors: [...trail.cursors, nextCursor],
});

export const newerPage = (trail: PageTrail): PageTrail =>
  trail.cursors.length > 1 ? { cursors: trail.cursors.slice(0, -1) } : trail;
