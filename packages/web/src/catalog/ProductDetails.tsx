import type { Product } from './catalogApi';
import { SpecsTable } from './SpecsTable';

/** Column 2: how the product was merged (official model, match score) and its key specs. */
export function ProductDetails({ product }: { product: Product }) {
  return (
    <section className="catalog-column" data-testid="product-details">
      <h2>Details</h2>
      <dl className="catalog-facts">
        <dt>Official model</dt>
        <dd>{product.model ?? 'not matched to brand data'}</dd>
        {product.match_score !== null ? (
          <>
            <dt>Match score</dt>
            <dd>{product.match_score.toFixed(2)}</dd>
          </>
        ) : null}
      </dl>
      <h3>Specs</h3>
      <SpecsTable specs={product.official_specs} />
    </section>
  );
}
