import { formatPrice, type Product } from './catalogApi';
import { StockBadge } from './StockBadge';

/** Demo shop the buy link points at; a real deployment would carry the shop URL in the feed. */
const SHOP_URL = 'https://shop.example.com/products/';

/** Brand, name, stock status, price and the buy link. */
export function ProductHeader({ product }: { product: Product }) {
  return (
    <header className="catalog-product-header" data-testid="product-header">
      <div>
        <span className="catalog-card-brand" data-testid="product-brand">
          {product.brand}
        </span>
        <h2 className="catalog-product-name">{product.name}</h2>
        <span className="catalog-muted">SKU {product.sku}</span>
      </div>
      <div className="catalog-buy">
        <StockBadge inStock={product.inStock} stock={product.stock} />
        <strong className="catalog-price" data-testid="product-price">
          {formatPrice(product.price)}
        </strong>
        {product.inStock ? (
          <a
            className="button button-primary"
            href={`${SHOP_URL}${encodeURIComponent(product.sku)}`}
            target="_blank"
            rel="noreferrer"
          >
            Buy
          </a>
        ) : (
          <button type="button" className="button" disabled>
            Unavailable
          </button>
        )}
      </div>
    </header>
  );
}
