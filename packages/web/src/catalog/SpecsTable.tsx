/** Official specs as a two-column table (`weight_kg` → "weight kg"). */
export function SpecsTable({ specs }: { specs: Record<string, string> }) {
  const entries = Object.entries(specs);
  if (entries.length === 0) return <p className="catalog-muted">No official specs.</p>;
  return (
    <table className="catalog-specs">
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k.replace(/_/g, ' ')}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
