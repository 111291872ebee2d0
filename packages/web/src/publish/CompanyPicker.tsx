import type { Company } from './publishApi';

/** Picks which of the token's companies the workspace shows (hidden when there is only one). */
export function CompanyPicker({
  companies,
  value,
  onChange,
}: {
  companies: Company[];
  value: string;
  onChange: (id: string) => void;
}) {
  if (companies.length < 2) {
    const only = companies[0];
    return only ? <span className="pub-company">{only.name}</span> : null;
  }
  return (
    <label className="pub-inline-field">
      <span>Company</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {companies.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({c.role})
          </option>
        ))}
      </select>
    </label>
  );
}
