import type { BrandsResponse } from './catalogApi';

export interface FilterValues {
  q: string;
  brand: string;
  category: string;
  stock: string;
}

/** Search box and brand / category / stock selects; every change resets to page 1 (done by the caller). */
export function CatalogFilters({
  values,
  facets,
  onChange,
}: {
  values: FilterValues;
  facets: BrandsResponse | undefined;
  onChange: (key: keyof FilterValues, value: string) => void;
}) {
  return (
    <search className="catalog-filters">
      <input
        type="search"
        placeholder="Search SKU, name, brand, model…"
        aria-label="Search products"
        value={values.q}
        onChange={(e) => onChange('q', e.target.value)}
        data-testid="catalog-search"
      />
      <select
        aria-label="Brand"
        value={values.brand}
        onChange={(e) => onChange('brand', e.target.value)}
        data-testid="filter-brand"
      >
        <option value="">All brands</option>
        {facets?.brands.map((b) => (
          <option key={b.brand} value={b.brand}>
            {b.brand} ({b.products})
          </option>
        ))}
      </select>
      <select
        aria-label="Category"
        value={values.category}
        onChange={(e) => onChange('category', e.target.value)}
        data-testid="filter-category"
      >
        <option value="">All categories</option>
        {facets?.categories.map((c) => (
          <option key={c.category} value={c.category}>
            {c.category} ({c.products})
          </option>
        ))}
      </select>
      <select
        aria-label="Stock"
        value={values.stock}
        onChange={(e) => onChange('stock', e.target.value)}
        data-testid="filter-stock"
      >
        <option value="">Any stock</option>
        <option value="in">In stock</option>
        <option value="out">Out of stock</option>
      </select>
    </search>
  );
}
