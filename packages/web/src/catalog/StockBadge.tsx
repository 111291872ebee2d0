/** "In stock (n)" or the out-of-stock badge shown on cards and in the product header. */
export function StockBadge({ inStock, stock }: { inStock: boolean; stock?: number }) {
  return inStock ? (
    <span className="catalog-stock catalog-stock-in" data-testid="stock-in">
      In stock{stock !== undefined ? ` (${stock})` : ''}
    </span>
  ) : (
    <span className="catalog-stock catalog-stock-out" data-testid="stock-out">
      Out of stock
    </span>
  );
}
