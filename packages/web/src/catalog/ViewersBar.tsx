import type { Viewer } from './useProductViewers';

/** "Also viewing: …" with a coloured dot per person; "Only you" when nobody else is here. */
export function ViewersBar({ viewers }: { viewers: Viewer[] }) {
  return (
    <p className="catalog-viewers" data-testid="product-viewers">
      {viewers.length === 0 ? (
        <span className="catalog-muted">Only you are viewing this product</span>
      ) : (
        <>
          <span className="catalog-muted">Also viewing:</span>
          {viewers.map((v) => (
            <span key={v.clientId} className="catalog-viewer" data-testid="product-viewer">
              <span className="catalog-viewer-dot" style={{ background: v.color }} />
              {v.name}
            </span>
          ))}
        </>
      )}
    </p>
  );
}
