import type { ReactNode } from 'react';
import { EmptyState } from './EmptyState';

export interface WorkspacePageProps {
  /** Used for the heading, the document title and the `data-testid` (`<id>-page`). */
  id: string;
  title: string;
  description: string;
  emptyHint: ReactNode;
}

/** The shared layout of a workspace that has nothing to show yet. */
export function WorkspacePage({ id, title, description, emptyHint }: WorkspacePageProps) {
  return (
    <div className="page" data-testid={`${id}-page`}>
      <title>{`${title} · Ensemble`}</title>
      <header className="page-header">
        <h1>{title}</h1>
        <p className="page-lede">{description}</p>
      </header>
      <EmptyState title="Nothing here yet">{emptyHint}</EmptyState>
    </div>
  );
}
