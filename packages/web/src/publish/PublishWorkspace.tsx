import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { EmptyState } from '../components/EmptyState';
import { errorMessage } from '../errorMessage';
import { useSession } from '../SessionContext';
import { usePolling } from '../usePolling';
import { AccountsView } from './AccountsView';
import { CalendarView } from './CalendarView';
import { CompanyPicker } from './CompanyPicker';
import { Composer } from './Composer';
import { PostDetail } from './PostDetail';
import { PostList } from './PostList';
import { PublishProvider } from './PublishContext';
import { listCompanies, POST_STATUSES, type PostStatus } from './publishApi';
import './publish.css';

const VIEWS = ['posts', 'calendar', 'accounts'] as const;
type View = (typeof VIEWS)[number];

/**
 * The Publish workspace. Where you are lives in the URL (`?view=`, `?status=`, `?post=`,
 * `?company=`), so views can be linked and survive a reload.
 */
export function PublishWorkspace() {
  const { session } = useSession();
  const token = session?.token ?? '';
  const [params, setParams] = useSearchParams();
  const load = useCallback((signal: AbortSignal) => listCompanies(token, signal), [token]);
  const { data, error } = usePolling(load, 60_000);

  const set = (changes: Record<string, string | undefined>) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined) next.delete(k);
        else next.set(k, v);
      }
      return next;
    });

  if (error && !data) return <p className="form-error">{errorMessage(error)}</p>;
  if (!data) return <p className="loading">Loading companies…</p>;
  const companies = data.companies;
  const company = companies.find((c) => c.id === params.get('company')) ?? companies[0];
  if (!company) {
    return (
      <EmptyState title="No company yet">
        <p>Your token names no company. Ask an admin for a token with a Publish tenant.</p>
      </EmptyState>
    );
  }
  const view: View = VIEWS.find((v) => v === params.get('view')) ?? 'posts';
  const statusParam = params.get('status');
  const status: PostStatus | undefined = POST_STATUSES.find((s) => s === statusParam);
  const postId = params.get('post');
  const open = (id: string) => set({ post: id });

  return (
    <PublishProvider token={token} company={company}>
      <div className="pub-toolbar">
        <CompanyPicker
          companies={companies}
          value={company.id}
          onChange={(id) => set({ company: id, post: undefined })}
        />
        <nav className="pub-tabs" aria-label="Publish views">
          {VIEWS.map((v) => (
            <button
              key={v}
              type="button"
              className={`pub-tab${view === v ? ' pub-tab-on' : ''}`}
              aria-current={view === v ? 'page' : undefined}
              onClick={() => set({ view: v })}
            >
              {v[0]!.toUpperCase() + v.slice(1)}
            </button>
          ))}
        </nav>
      </div>
      {view === 'accounts' ? (
        <AccountsView />
      ) : (
        <div className="pub-layout">
          <div className="pub-main">
            {view === 'posts' ? (
              <PostList status={status} onStatus={(s) => set({ status: s })} onOpen={open} />
            ) : (
              <CalendarView onOpen={open} />
            )}
          </div>
          <aside className="pub-side">
            {postId ? (
              <PostDetail key={postId} postId={postId} onClose={() => set({ post: undefined })} />
            ) : (
              <Composer onCreated={(ids) => ids[0] && open(ids[0])} />
            )}
          </aside>
        </div>
      )}
    </PublishProvider>
  );
}
