import { useState } from 'react';

/**
 * Hosts reserved by RFC 2606 never resolve: demo feeds use them (`cdn.shop.test`), and requesting them
 * would only fill the console with failed loads.
 */
export function isReservedHost(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return /(^|\.)(test|example|invalid|localhost)$/.test(host) || /(^|\.)example\.(com|net|org)$/.test(host);
  } catch {
    return true;
  }
}

/**
 * The product image over a placeholder with the brand's initials: feed images often point at CDNs that
 * are unreachable from the demo, and a broken-image icon would be worse than the placeholder.
 */
export function ProductThumb({
  src,
  brand,
  size = 'small',
}: {
  src: string;
  brand: string;
  size?: 'small' | 'large';
}) {
  const [failed, setFailed] = useState(false);
  const initials = brand
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 3)
    .toUpperCase();
  return (
    <div className={`catalog-thumb catalog-thumb-${size}`} aria-hidden="true">
      <span>{initials}</span>
      {src && !failed && !isReservedHost(src) ? (
        <img src={src} alt="" loading="lazy" onError={() => setFailed(true)} />
      ) : null}
    </div>
  );
}
