import { Link } from 'react-router';
import { errorMessage } from '../errorMessage';
import { useSession } from '../SessionContext';
import { getProduct, LINK_SECTIONS, type Product } from './catalogApi';
import { OfficialResources } from './OfficialResources';
import { ProductDetails } from './ProductDetails';
import { ProductHeader } from './ProductHeader';
import { ProductInfo } from './ProductInfo';
import { RelationshipGrid } from './RelationshipGrid';
import { useCatalogData } from './useCatalogData';
import { useProductViewers } from './useProductViewers';
import { ViewersBar } from './ViewersBar';

function Presence({ sku }: { sku: string }) {
  const { session } = useSession();
  const viewers = useProductViewers(
    sku,
    session?.token ?? '',
    session?.user ?? { id: '', name: 'me', color: '#888' },
  );
  return <ViewersBar viewers={viewers} />;
}

/** The product page: header, three columns, then necessities / accessories / related. */
export function ProductView({ sku }: { sku: string }) {
  const { data, error, loading } = useCatalogData<Product>(`product:${sku}`, (token, signal) =>
    getProduct(token, sku, signal),
  );
  // A stale product from the previous SKU must not flash while the next one loads.
  const product = data?.sku === sku ? data : undefined;
  return (
    <div className="catalog-product" data-testid="product-page" data-sku={sku}>
      <Link to="/catalog" className="catalog-back">
        ← All products
      </Link>
      {error && !loading ? (
        <p className="catalog-error" role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
      {!product && !error ? <p className="catalog-muted">Loading…</p> : null}
      {product ? (
        <>
          <title>{`${product.name} · Catalog · Ensemble`}</title>
          <ProductHeader product={product} />
          <Presence sku={product.sku} />
          <div className="catalog-columns">
            <ProductInfo product={product} />
            <ProductDetails product={product} />
            <OfficialResources product={product} />
          </div>
          {LINK_SECTIONS.map((s) => (
            <RelationshipGrid
              key={s.type}
              title={s.title}
              tone={s.tone}
              links={product[s.type]}
              testId={`relations-${s.type}`}
            />
          ))}
        </>
      ) : null}
    </div>
  );
}
