import type { ActivityEntry, ChatComment } from '@ensemble/client';

/** "Bo is typing…", "Bo and Cy are typing…", "4 people are typing…" — never counting me. */
export function typingText(typing: { userId: string; name: string }[], myId: string): string | null {
  const names = typing.filter((t) => t.userId !== myId).map((t) => t.name);
  if (names.length === 0) return null;
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return `${names.length} people are typing…`;
}

/** Open comments per graph node id. */
export function commentCounts(
  comments: Pick<ChatComment, 'anchor' | 'resolvedAt' | 'deletedAt'>[],
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of comments) {
    if (c.anchor?.kind !== 'node' || c.resolvedAt || c.deletedAt) continue;
    counts.set(c.anchor.id, (counts.get(c.anchor.id) ?? 0) + 1);
  }
  return counts;
}

const VERBS: Record<string, string> = {
  joined: 'joined',
  left: 'left',
  saved: 'saved a version',
  restored: 'restored a version',
  locked: 'locked',
  unlocked: 'unlocked',
  chat: 'wrote in the chat',
  run: 'ran the project',
  build: 'built the project',
};

/** One readable line for an activity entry: "Ana edited (12 edits)", "Bo locked node:7". */
export function activityText(entry: Pick<ActivityEntry, 'type' | 'userName' | 'data'>): string {
  if (entry.type === 'edited') {
    const edits = typeof entry.data.edits === 'number' ? entry.data.edits : 1;
    return `${entry.userName} edited (${edits} edit${edits === 1 ? '' : 's'})`;
  }
  const verb = VERBS[entry.type] ?? entry.type;
  const resource = typeof entry.data.resource === 'string' ? ` ${entry.data.resource}` : '';
  const name = typeof entry.data.name === 'string' ? ` “${entry.data.name}”` : '';
  return `${entry.userName} ${verb}${resource}${name}`;
}
