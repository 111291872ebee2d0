import type { ChatComment, Room } from '@ensemble/client';
import { useEffect, useMemo, useState } from 'react';
import { commentCounts } from '../logic/collab';

/** Open and resolved comments of the room, re-read whenever a comment changes. */
export function useComments(room: Room): {
  comments: ChatComment[];
  counts: Map<string, number>;
  reload: () => void;
} {
  const [comments, setComments] = useState<ChatComment[]>([]);
  const [generation, setGeneration] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` reloads on demand
  useEffect(() => {
    let live = true;
    const load = () =>
      room.chat
        .comments()
        .then((list) => {
          if (live) setComments(list);
        })
        .catch(() => undefined);
    void room.whenSynced().then(load);
    const offChat = room.chat.on('*', (body) => {
      const m = body as { anchor?: unknown; parentId?: unknown; message?: { anchor?: unknown } };
      if (m.anchor || m.parentId || m.message?.anchor) void load();
    });
    const offStatus = room.connection.events.on('status', (s) => {
      if (s === 'synced') void load();
    });
    return () => {
      live = false;
      offChat();
      offStatus();
    };
  }, [room, generation]);
  const counts = useMemo(() => commentCounts(comments), [comments]);
  return { comments, counts, reload: () => setGeneration((g) => g + 1) };
}
