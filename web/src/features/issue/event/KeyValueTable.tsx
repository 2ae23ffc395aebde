import { displayValue } from "./values";

/** Keys and values as text (nested values as indented JSON); never interpreted as HTML. */
export function KeyValueTable({ data }: { data: Record<string, unknown> | [string, unknown][] }) {
  const rows = Array.isArray(data) ? data : Object.entries(data);
  if (rows.length === 0) return <div className="muted">Nothing recorded.</div>;
  return (
    <table className="kv">
      <tbody>
        {rows.map(([key, value], index) => (
          <tr key={`${key}-${index}`}>
            <th scope="row">{key}</th>
            <td>
              <pre>{displayValue(value)}</pre>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
