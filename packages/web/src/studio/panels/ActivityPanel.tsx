import { useActivity } from '@ensemble/client/react';
import { activityText } from '../logic/collab';
import { useStudio } from '../StudioContext';

/** What happened in the room, newest first (edits coalesced per person). */
export function ActivityPanel() {
  const { room } = useStudio();
  const { entries, hasOlder, activity, loaded } = useActivity(room);
  return (
    <div className="st-activity">
      <ol className="st-activity-list" aria-label="Activity" data-testid="activity-list">
        {entries.map((e) => (
          <li key={e.id} data-testid="activity-entry">
            {activityText(e)} <span className="muted">· {new Date(e.until).toLocaleTimeString()}</span>
          </li>
        ))}
        {loaded && entries.length === 0 && <li className="muted">Nothing yet.</li>}
      </ol>
      {hasOlder && (
        <button
          type="button"
          className="button"
          onClick={() => void activity.loadOlder().catch(() => undefined)}
        >
          Older
        </button>
      )}
    </div>
  );
}
