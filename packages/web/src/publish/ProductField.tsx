import { useEffect, useState } from 'react';
import { getProducts, type ProductSummary } from '../catalog/catalogApi';
import { errorMessage } from '../errorMessage';
import { useSession } from '../SessionContext';
import type { ProductCard } from './publishApi';

const SEARCH_AFTER_MS = 250;
const RESULTS = 6;

/** The product's page in this app: where readers of the post land. */
export function productCard(p: ProductSummary): ProductCard {
  return {
    sku: p.sku,
    name: p.name,
    url: `${window.location.origin}/catalog/${encodeURIComponent(p.sku)}`,
    image: /^https?:\/\//.test(p.image_url) ? p.image_url : null,
  };
}

/** A product attached to a post, as readers will see it linked. */
export function ProductCardView({ product, onRemove }: { product: ProductCard; onRemove?: () => void }) {
  return (
    <div className="pub-product" data-testid="product-card">
      {product.image ? <img src={product.image} alt="" loading="lazy" /> : null}
      <div className="pub-product-text">
        <a href={product.url} target="_blank" rel="noreferrer">
          {product.name}
        </a>
        <span className="muted pub-small">{product.sku}</span>
      </div>
      {onRemove ? (
        <button type="button" className="button button-ghost" onClick={onRemove}>
          Remove product
        </button>
      ) : null}
    </div>
  );
}

/**
 * Attach a catalog product: search the catalog (`/api/v1/catalog/products?q=`), pick one; the post
 * shows it as a card and the published text ends with its link.
 */
export function ProductField({
  product,
  onChange,
}: {
  product: ProductCard | null;
  onChange: (product: ProductCard | null) => void;
}) {
  const { session } = useSession();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<ProductSummary[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const q = query.trim();
    if (!q || !session) {
      setResults([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      getProducts(session.token, { q, pageSize: RESULTS }, controller.signal)
        .then((page) => {
          setResults(page.items);
          setError(null);
        })
        .catch((e: unknown) => {
          if (!controller.signal.aborted) setError(errorMessage(e));
        });
    }, SEARCH_AFTER_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, session]);

  return (
    <fieldset className="pub-fieldset">
      <legend>Product</legend>
      {product ? (
        <ProductCardView product={product} onRemove={() => onChange(null)} />
      ) : (
        <>
          <input
            type="search"
            placeholder="Search the catalog"
            aria-label="Search the catalog"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          {error ? <p className="form-error">{error}</p> : null}
          {results.length ? (
            <ul className="pub-product-results" aria-label="Catalog results">
              {results.map((p) => (
                <li key={p.sku}>
                  <button
                    type="button"
                    className="pub-product-result"
                    onClick={() => {
                      onChange(productCard(p));
                      setQuery('');
                    }}
                  >
                    <span>{p.name}</span> <span className="muted pub-small">{p.sku}</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </fieldset>
  );
}
