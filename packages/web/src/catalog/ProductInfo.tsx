import type { Product } from './catalogApi';
import { ProductThumb } from './ProductThumb';

/** Column 1: thumbnail and the commercial facts. */
export function ProductInfo({ product }: { product: Product }) {
  return (
    <section className="catalog-column" data-testid="product-info">
      <ProductThumb src={product.image_url} brand={product.brand} size="large" />
      <dl className="catalog-facts">
        <dt>Category</dt>
        <dd>{product.category ?? 'Uncategorised'}</dd>
        <dt>Shop category</dt>
        <dd>{product.source_category || '—'}</dd>
        <dt>Stock</dt>
        <dd>{product.stock}</dd>
      </dl>
    </section>
  );
}
