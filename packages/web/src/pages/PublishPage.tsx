import { PublishWorkspace } from '../publish/PublishWorkspace';

export function PublishPage() {
  return (
    <div className="page" data-testid="publish-page">
      <title>Publish · Ensemble</title>
      <header className="page-header">
        <h1>Publish</h1>
        <p className="page-lede">
          Schedule social posts for your company and your agency clients: published once, on time, or you are
          told exactly why not.
        </p>
      </header>
      <PublishWorkspace />
    </div>
  );
}
