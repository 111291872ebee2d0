import { type FormEvent, useState } from 'react';
import type { Post } from './publishApi';
import { ScheduleField } from './ScheduleField';
import { browserTimeZone, instantToZoned, zonedToInstant } from './zonedTime';

/** A new time (and zone) for a draft or scheduled post. */
export function RescheduleForm({
  post,
  busy,
  onSubmit,
}: {
  post: Post;
  busy: boolean;
  onSubmit: (scheduledAt: string, timeZone: string) => void;
}) {
  const [when, setWhen] = useState(() => {
    const timeZone = post.timeZone || browserTimeZone();
    const at = post.scheduledAt ?? new Date(Date.now() + 10 * 60_000).toISOString();
    return { local: instantToZoned(at, timeZone), timeZone };
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(zonedToInstant(when.local, when.timeZone), when.timeZone);
  };
  return (
    <form className="pub-reschedule" onSubmit={submit} aria-label="Reschedule">
      <ScheduleField local={when.local} timeZone={when.timeZone} onChange={setWhen} />
      <button type="submit" className="button" disabled={busy}>
        {post.status === 'draft' ? 'Schedule' : 'Reschedule'}
      </button>
    </form>
  );
}
