import { useState, type FormEvent } from "react";
import { apiSend } from "../../api/client";
import type { ProjectKey } from "../../api/types";
import type { ApiState } from "../../api/use-api";
import { CopyButton } from "../../components/ui/CopyButton";
import { EmptyState, ErrorState, PanelSkeleton } from "../../components/ui/states";
import { AdoptDsnForm, type AdoptDsnBody } from "./AdoptDsnForm";

/** Client keys: DSN with copy, enable/disable, a rate limit per key, new keys, deletion. */
export function KeysPanel({ basePath, keys }: { basePath: string; keys: ApiState<ProjectKey[]> }) {
  const [error, setError] = useState<string>();

  async function change(action: () => Promise<unknown>) {
    setError(undefined);
    try {
      await action();
      keys.reload();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  /** Adopts a DSN; the refusal's text (for the form to show), or null once the key is added. */
  async function adopt(body: AdoptDsnBody): Promise<string | null> {
    try {
      await apiSend("POST", `${basePath}keys/`, body);
      keys.reload();
      return null;
    } catch (failure) {
      return failure instanceof Error ? failure.message : String(failure);
    }
  }

  return (
    <div className="panel">
      <div className="side-head">
        <h2>Client keys (DSN)</h2>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => void change(() => apiSend("POST", `${basePath}keys/`, { name: "New key" }))}
        >
          New key
        </button>
      </div>
      {error ? (
        <div className="form-error" role="alert">
          {error}
        </div>
      ) : null}
      {keys.error ? <ErrorState error={keys.error} onRetry={keys.reload} /> : null}
      {!keys.data && !keys.error ? <PanelSkeleton /> : null}
      {keys.data?.length === 0 ? <EmptyState title="This project has no keys" /> : null}
      {keys.data?.map((key) => (
        <KeyRow
          key={key.id}
          item={key}
          onChange={(body) => void change(() => apiSend("PUT", `${basePath}keys/${key.id}/`, body))}
          onDelete={() => {
            if (window.confirm(`Delete the key "${key.name}"? SDKs using its DSN will be refused.`))
              void change(() => apiSend("DELETE", `${basePath}keys/${key.id}/`));
          }}
        />
      ))}
      <AdoptDsnForm onAdopt={adopt} />
    </div>
  );
}

function KeyRow(props: { item: ProjectKey; onChange: (body: object) => void; onDelete: () => void }) {
  const { item } = props;
  const [count, setCount] = useState(item.rateLimit ? String(item.rateLimit.count) : "");
  const [period, setPeriod] = useState(item.rateLimit ? String(item.rateLimit.window) : "60");

  function saveLimit(event: FormEvent) {
    event.preventDefault();
    props.onChange({
      rateLimit: count.trim() === "" ? null : { count: Number(count), window: Number(period) },
    });
  }

  return (
    <div className="dsn-row">
      <div className="dsn-label">
        {item.name}
        {!item.isActive ? <span className="status status-ignored">disabled</span> : null}
      </div>
      <div className="dsn-value">
        <code data-testid="dsn">{item.dsn.public}</code>
        <CopyButton text={item.dsn.public} label="Copy DSN" />
      </div>
      <form className="key-controls" onSubmit={saveLimit}>
        <label className="inline-field">
          <span className="muted">At most</span>
          <input
            type="number"
            min={0}
            aria-label="Events allowed"
            placeholder="unlimited"
            value={count}
            onChange={(event) => setCount(event.target.value)}
          />
        </label>
        <label className="inline-field">
          <span className="muted">events per</span>
          <select aria-label="Rate limit window" value={period} onChange={(event) => setPeriod(event.target.value)}>
            <option value="60">minute</option>
            <option value="3600">hour</option>
            <option value="86400">day</option>
          </select>
        </label>
        <button type="submit" className="btn btn-small">
          Save limit
        </button>
        <button type="button" className="btn btn-small" onClick={() => props.onChange({ isActive: !item.isActive })}>
          {item.isActive ? "Disable" : "Enable"}
        </button>
        <button type="button" className="btn btn-small btn-danger" onClick={props.onDelete}>
          Delete
        </button>
      </form>
    </div>
  );
}
