import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: string;
  children?: ReactNode;
}

/** The friendly placeholder shown where a workspace has no content yet. */
export function EmptyState({ title, children }: EmptyStateProps) {
  return (
    <section className="empty-state" data-testid="empty-state">
      <svg className="empty-state-art" viewBox="0 0 120 80" aria-hidden="true">
        <rect x="8" y="14" width="64" height="46" rx="8" className="empty-art-back" />
        <rect x="40" y="24" width="72" height="46" rx="8" className="empty-art-front" />
        <circle cx="58" cy="40" r="5" className="empty-art-dot-a" />
        <circle cx="74" cy="40" r="5" className="empty-art-dot-b" />
        <circle cx="90" cy="40" r="5" className="empty-art-dot-c" />
        <rect x="52" y="54" width="44" height="5" rx="2.5" className="empty-art-line" />
      </svg>
      <h2 className="empty-state-title">{title}</h2>
      {children ? <div className="empty-state-body">{children}</div> : null}
    </section>
  );
}
