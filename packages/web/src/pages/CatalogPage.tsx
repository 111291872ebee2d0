import { CatalogWorkspace } from '../catalog/CatalogWorkspace';

export function CatalogPage() {
  return (
    <div className="page" data-testid="catalog-page">
      <title>Catalog · Ensemble</title>
      <header className="page-header">
        <h1>Catalog</h1>
        <p className="page-lede">
          Two sources merged into one catalog; every product knows what it needs, what suits it and what is
          similar — with the reasons.
        </p>
      </header>
      <CatalogWorkspace />
    </div>
  );
}
