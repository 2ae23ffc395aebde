import { KeyValueTable } from "./KeyValueTable";
import { asArray, asRecord, asString, displayValue } from "./values";

/** Headers and query arrive as [[k, v]] pairs or an object; both become table rows. */
function pairs(value: unknown): [string, unknown][] {
  if (Array.isArray(value))
    return value.flatMap((pair) =>
      Array.isArray(pair) && pair.length >= 2 ? [[String(pair[0]), pair[1]] as [string, unknown]] : [],
    );
  const record = asRecord(value);
  if (record) return Object.entries(record);
  if (typeof value === "string" && value) return [["", value]];
  return [];
}

export function RequestEntry({ data }: { data: unknown }) {
  const request = asRecord(data) ?? {};
  const method = asString(request.method);
  const url = asString(request.url);
  const fragment = asString(request.fragment);
  const body = request.data;
  return (
    <div className="request">
      <div className="request-line">
        {method ? <strong>{method} </strong> : null}
        <span className="request-url">
          {url ?? "(no URL)"}
          {fragment ? `#${fragment}` : ""}
        </span>
      </div>
      {pairs(request.query).length ? (
        <>
          <h4>Query</h4>
          <KeyValueTable data={pairs(request.query)} />
        </>
      ) : null}
      {body !== undefined && body !== null && body !== "" ? (
        <>
          <h4>Body</h4>
          <pre className="code-pre">{displayValue(body)}</pre>
        </>
      ) : null}
      {pairs(request.headers).length ? (
        <>
          <h4>Headers</h4>
          <KeyValueTable data={pairs(request.headers)} />
        </>
      ) : null}
      {pairs(request.cookies).length ? (
        <>
          <h4>Cookies</h4>
          <KeyValueTable data={pairs(request.cookies)} />
        </>
      ) : null}
      {asArray(request.env).length || asRecord(request.env) ? (
        <>
          <h4>Environment</h4>
          <KeyValueTable data={pairs(request.env)} />
        </>
      ) : null}
    </div>
  );
}
