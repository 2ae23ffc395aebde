import { useState, type FormEvent } from "react";
import { apiSend } from "../../api/client";
import { useApi } from "../../api/use-api";
import { CopyButton } from "../../components/ui/CopyButton";
import { TimeAgo } from "../../components/ui/badges";
import { ErrorState, PanelSkeleton } from "../../components/ui/states";

interface Token {
  id: string;
  name: string;
  scopes: string[];
  dateCreated: string;
  dateLastUsed: string | null;
  tokenLastCharacters?: string;
  token?: string;
}

const SCOPES = ["read", "write", "admin"] as const;

/** The signed-in user's API tokens: create (shown once), list, revoke. */
export function TokensPanel() {
  const tokens = useApi<Token[]>("/api-tokens/");
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<string[]>(["read"]);
  const [created, setCreated] = useState<string>();
  const [error, setError] = useState<string>();

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    try {
      const token = await apiSend<Token>("POST", "/api-tokens/", { name, scopes });
      setCreated(token.token);
      setName("");
      tokens.reload();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }
  async function revoke(id: string) {
    if (!window.confirm("Revoke this token? Scripts using it stop working.")) return;
    try {
      await apiSend("DELETE", `/api-tokens/${id}/`);
      tokens.reload();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  return (
    <section className="panel">
      <h2>API tokens</h2>
      {created ? (
        <div className="dsn-value created-token">
          <code>{created}</code>
          <CopyButton text={created} />
          <span className="muted small">Shown once: copy it now.</span>
        </div>
      ) : null}
      {error ? (
        <div className="form-error" role="alert">
          {error}
        </div>
      ) : null}
      {tokens.error ? (
        <ErrorState error={tokens.error} onRetry={tokens.reload} />
      ) : !tokens.data ? (
        <PanelSkeleton />
      ) : tokens.data.length === 0 ? (
        <p className="muted">No tokens yet. Scripts use them as "Authorization: Bearer &lt;token&gt;".</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <tbody>
              {tokens.data.map((token) => (
                <tr key={token.id}>
                  <td>
                    {token.name || "(unnamed)"}
                    <div className="muted small">
                      {token.scopes.join(", ")}
                      {token.tokenLastCharacters ? ` · …${token.tokenLastCharacters}` : ""}
                    </div>
                  </td>
                  <td className="muted small">
                    created <TimeAgo iso={token.dateCreated} />
                    {token.dateLastUsed ? (
                      <>
                        {" "}
                        · used <TimeAgo iso={token.dateLastUsed} />
                      </>
                    ) : null}
                  </td>
                  <td className="num">
                    <button type="button" className="btn btn-small btn-danger" onClick={() => void revoke(token.id)}>
                      Revoke
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="key-controls" onSubmit={(event) => void create(event)}>
        <input
          aria-label="Token name"
          placeholder="Token name"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        {SCOPES.map((scope) => (
          <label key={scope} className="inline-field">
            <input
              type="checkbox"
              checked={scopes.includes(scope)}
              onChange={() =>
                setScopes((current) =>
                  current.includes(scope) ? current.filter((item) => item !== scope) : [...current, scope],
                )
              }
            />
            {scope}
          </label>
        ))}
        <button type="submit" className="btn btn-small" disabled={scopes.length === 0}>
          Create token
        </button>
      </form>
    </section>
  );
}
