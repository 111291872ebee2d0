/**
 * The single edit that turns `before` into `after` (common prefix and suffix kept), so a textarea
 * change becomes one Y.Text delete + insert instead of replacing the whole shared text — which
 * would wipe out what others typed concurrently.
 */
export interface TextEdit {
  index: number;
  remove: number;
  insert: string;
}

export function textDiff(before: string, after: string): TextEdit | null {
  if (before === after) return null;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before[start] === after[start]) start++;
  let end = 0;
  while (end < max - start && before[before.length - 1 - end] === after[after.length - 1 - end]) {
    end++;
  }
  return {
    index: start,
    remove: before.length - start - end,
    insert: after.slice(start, after.length - end),
  };
}
