import type { PostStatus } from './publishApi';

const LABELS: Record<PostStatus, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  publishing: 'Publishing',
  published: 'Published',
  failed: 'Failed',
  cancelled: 'Cancelled',
  unconfirmed: 'Unconfirmed',
};

export function statusLabel(status: PostStatus): string {
  return LABELS[status];
}

/** A post's status as a colored pill; the color classes live in publish.css. */
export function StatusBadge({ status }: { status: PostStatus }) {
  return (
    <span className={`pub-status pub-status-${status}`} data-testid="post-status">
      {LABELS[status]}
    </span>
  );
}
