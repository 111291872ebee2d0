import type { ActivityApi, ActivityState } from '../activity.js';
import type { Room } from '../client.js';
import { useLiveStore } from './useLiveStore.js';

/**
 * The room's live activity stream (newest page loaded on first use, then kept current), plus the
 * activity API for older pages and summaries.
 * @example
 * const { entries, activity } = useActivity(room);
 * // entries.map(e => <li key={e.id}>{e.userName} {e.type}{e.type === 'edited' ? ` (${e.data.edits})` : ''}</li>)
 * // <button onClick={() => activity.loadOlder()}>Older</button>
 */
export function useActivity(room: Room): ActivityState & { activity: ActivityApi } {
  const activity = room.activity;
  const state = useLiveStore(activity);
  return { ...state, activity };
}
