import { useMemo } from 'react';
import { timeZones } from './zonedTime';

/** Date and time on the wall clock of a chosen IANA time zone (what the post is scheduled in). */
export function ScheduleField({
  local,
  timeZone,
  onChange,
}: {
  local: string;
  timeZone: string;
  onChange: (next: { local: string; timeZone: string }) => void;
}) {
  const zones = useMemo(timeZones, []);
  return (
    <div className="pub-row">
      <label className="field pub-grow">
        <span>Date and time</span>
        <input
          type="datetime-local"
          value={local}
          required
          onChange={(e) => onChange({ local: e.target.value, timeZone })}
        />
      </label>
      <label className="field pub-grow">
        <span>Time zone</span>
        <select value={timeZone} onChange={(e) => onChange({ local, timeZone: e.target.value })}>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
