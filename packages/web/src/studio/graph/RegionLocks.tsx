import type { LockInfo } from '@ensemble/client';
import { ViewportPortal } from '@xyflow/react';

/** Region locks drawn as rectangles in graph coordinates, labelled with their holder. */
export function RegionLocks({
  locks,
  myUserId,
  colorOf,
  onRelease,
}: {
  locks: LockInfo[];
  myUserId: string;
  colorOf: (userId: string) => string;
  onRelease: (resource: string) => void;
}) {
  return (
    <ViewportPortal>
      {locks.map((lock) => {
        if (!lock.region) return null;
        const mine = lock.owner.userId === myUserId;
        const color = colorOf(lock.owner.userId);
        return (
          <div
            key={lock.resource}
            className="st-region"
            data-testid="region-lock"
            style={{
              transform: `translate(${lock.region.x}px, ${lock.region.y}px)`,
              width: lock.region.width,
              height: lock.region.height,
              borderColor: color,
              background: `${color}14`,
            }}
          >
            <span className="st-region-label" style={{ background: color }}>
              {mine ? 'Your region' : `${lock.owner.name}’s region`}
              {mine && (
                <button type="button" className="st-region-release" onClick={() => onRelease(lock.resource)}>
                  Unlock
                </button>
              )}
            </span>
          </div>
        );
      })}
    </ViewportPortal>
  );
}
