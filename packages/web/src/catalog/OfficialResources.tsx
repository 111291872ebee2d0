import { useState } from 'react';
import type { Product } from './catalogApi';
import { SpecsTable } from './SpecsTable';

const TABS = ['manuals', 'gallery', 'specs'] as const;
type Tab = (typeof TABS)[number];

/** Column 3: the brand's official data, in tabs. */
export function OfficialResources({ product }: { product: Product }) {
  const [tab, setTab] = useState<Tab>('manuals');
  return (
    <section className="catalog-column" data-testid="official-resources">
      <h2>Official resources</h2>
      <div className="catalog-tabs" role="tablist">
        {TABS.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            className={tab === t ? 'catalog-tab catalog-tab-active' : 'catalog-tab'}
            onClick={() => setTab(t)}
          >
            {t[0]!.toUpperCase() + t.slice(1)}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === 'manuals' ? (
          product.official_manuals.length === 0 ? (
            <p className="catalog-muted">No manuals.</p>
          ) : (
            <ul className="catalog-manuals">
              {product.official_manuals.map((m) => (
                <li key={m.url}>
                  <a href={m.url} target="_blank" rel="noreferrer">
                    {m.title}
                  </a>
                  {m.language ? <span className="catalog-muted"> ({m.language})</span> : null}
                </li>
              ))}
            </ul>
          )
        ) : null}
        {tab === 'gallery' ? (
          product.official_gallery.length === 0 ? (
            <p className="catalog-muted">No gallery.</p>
          ) : (
            <ul className="catalog-gallery">
              {product.official_gallery.map((url, i) => (
                <li key={url}>
                  <a href={url} target="_blank" rel="noreferrer">
                    Image {i + 1}
                  </a>
                </li>
              ))}
            </ul>
          )
        ) : null}
        {tab === 'specs' ? <SpecsTable specs={product.official_specs} /> : null}
      </div>
    </section>
  );
}
