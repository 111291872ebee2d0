import { useSearchParams } from 'react-router';
import { errorMessage } from '../errorMessage';
import { CatalogFilters, type FilterValues } from './CatalogFilters';
import { getBrands, getProducts } from './catalogApi';
import { Pagination } from './Pagination';
import { ProductCard } from './ProductCard';
import { useCatalogData } from './useCatalogData';

const PAGE_SIZE = 24;

/** Browse and search: filters live in the URL (`?q=&brand=&category=&stock=&page=`) so Back works. */
export function CatalogBrowser() {
  const [params, setParams] = useSearchParams();
  const values: FilterValues = {
    q: params.get('q') ?? '',
    brand: params.get('brand') ?? '',
    category: params.get('category') ?? '',
    stock: params.get('stock') ?? '',
  };
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const facets = useCatalogData('brands', getBrands);
  const key = `${params.toString()}`;
  const products = useCatalogData(key, (token, signal) =>
    getProducts(
      token,
      {
        q: values.q,
        brand: values.brand,
        category: values.category,
        stock: values.stock === 'in' || values.stock === 'out' ? values.stock : undefined,
        page,
        pageSize: PAGE_SIZE,
      },
      signal,
    ),
  );

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === '' || (k === 'page' && v === '1')) next.delete(k);
      else next.set(k, v);
    }
    // Typing in the search box should not fill the history with one entry per keystroke.
    setParams(next, { replace: 'q' in changes });
  };

  const data = products.data;
  return (
    <div className="catalog-browser" data-testid="catalog-browser">
      <CatalogFilters
        values={values}
        facets={facets.data}
        onChange={(k, v) => update({ [k]: v, page: '1' })}
      />
      {products.error && !products.loading ? (
        <p className="catalog-error" role="alert">
          {errorMessage(products.error)}
        </p>
      ) : null}
      {products.loading && !data ? <p className="catalog-muted">Loading the catalog…</p> : null}
      {data ? (
        <>
          <p className="catalog-muted" data-testid="catalog-total">
            {data.total} product{data.total === 1 ? '' : 's'}
          </p>
          {data.items.length === 0 ? (
            <p className="catalog-muted">No product matches these filters.</p>
          ) : (
            <div className="catalog-grid" data-testid="product-grid">
              {data.items.map((p) => (
                <ProductCard key={p.sku} product={p} />
              ))}
            </div>
          )}
          <Pagination
            page={page}
            pageSize={PAGE_SIZE}
            total={data.total}
            onPage={(p) => update({ page: String(p) })}
          />
        </>
      ) : null}
    </div>
  );
}
