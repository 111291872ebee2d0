import { Link } from 'react-router';
import { formatPrice, type ProductSummary } from './catalogApi';
import { ProductThumb } from './ProductThumb';
import { StockBadge } from './StockBadge';

/** One product in the browse grid; opens the product page. */
export function ProductCard({ product }: { product: ProductSummary }) {
  return (
    <Link
      className="catalog-card"
      to={`/catalog/${encodeURIComponent(product.sku)}`}
      data-testid="product-card"
    >
      <ProductThumb src={product.image_url} brand={product.brand} />
      <div className="catalog-card-body">
        <span className="catalog-card-brand">{product.brand}</span>
        <span className="catalog-card-name">{product.name}</span>
        <span className="catalog-card-meta">
          {product.category ?? 'Uncategorised'} · {product.sku}
        </span>
        <span className="catalog-card-foot">
          <strong>{formatPrice(product.price)}</strong>
          <StockBadge inStock={product.inStock} />
        </span>
      </div>
    </Link>
  );
}
