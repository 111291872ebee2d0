/** A triangle with an exclamation mark: marks necessities ("REQUIRED"). */
export function WarningIcon() {
  return (
    <svg className="catalog-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
      <path
        d="M12 3 2 20h20L12 3z"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinejoin="round"
      />
      <path d="M12 10v4" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      <circle cx="12" cy="17" r="1.2" fill="currentColor" />
    </svg>
  );
}
