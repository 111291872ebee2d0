import { useId } from 'react';
import { Link } from 'react-router';
import { CartIcon } from './CartIcon';
import { formatPrice, type ProductLink } from './catalogApi';
import { ProductThumb } from './ProductThumb';
import { StockBadge } from './StockBadge';
import { WarningIcon } from './WarningIcon';

export type LinkTone = 'required' | 'accessory' | 'related';

/**
 * A linked product. Necessities are red with a warning icon and "REQUIRED", accessories green with a
 * cart icon, related grey. Hovering (or focusing) the card shows why the link exists.
 */
export function LinkCard({ link, tone }: { link: ProductLink; tone: LinkTone }) {
  const reasonsId = useId();
  return (
    <Link
      className={`catalog-link catalog-link-${tone}`}
      to={`/catalog/${encodeURIComponent(link.sku)}`}
      aria-describedby={reasonsId}
      data-testid={`link-card-${tone}`}
      data-sku={link.sku}
    >
      <span className="catalog-link-tag">
        {tone === 'required' ? (
          <>
            <WarningIcon /> REQUIRED
          </>
        ) : tone === 'accessory' ? (
          <>
            <CartIcon /> Accessory
          </>
        ) : (
          'Related'
        )}
      </span>
      <ProductThumb src={link.image_url} brand={link.brand} />
      <span className="catalog-link-name">{link.name}</span>
      <span className="catalog-link-meta">
        {link.brand} · {formatPrice(link.price)}
      </span>
      {link.inStock ? null : <StockBadge inStock={false} />}
      <span className="catalog-reasons" role="tooltip" id={reasonsId} data-testid="link-reasons">
        <strong>Why (score {link.score.toFixed(2)})</strong>
        <ul>
          {link.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </span>
    </Link>
  );
}
