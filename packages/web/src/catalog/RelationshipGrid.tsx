import type { ProductLink } from './catalogApi';
import { LinkCard, type LinkTone } from './LinkCard';

/** One of the three relationship sections under the product columns. */
export function RelationshipGrid({
  title,
  tone,
  links,
  testId,
}: {
  title: string;
  tone: LinkTone;
  links: ProductLink[];
  testId: string;
}) {
  return (
    <section className={`catalog-relations catalog-relations-${tone}`} data-testid={testId}>
      <h2>
        {title} <span className="catalog-muted">({links.length})</span>
      </h2>
      {links.length === 0 ? (
        <p className="catalog-muted">None found.</p>
      ) : (
        <div className="catalog-link-grid">
          {links.map((l) => (
            <LinkCard key={l.sku} link={l} tone={tone} />
          ))}
        </div>
      )}
    </section>
  );
}
