/** A shopping cart: marks accessories (optional add-ons). */
export function CartIcon() {
  return (
    <svg className="catalog-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
      <path
        d="M3 4h2l2.4 11h10.2L20 8H6.2"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      <circle cx="9" cy="19" r="1.5" fill="currentColor" />
      <circle cx="17" cy="19" r="1.5" fill="currentColor" />
    </svg>
  );
}
