import { useState, type FormEvent } from "react";

/** What POST .../keys/ takes to adopt a DSN from another install. */
export interface AdoptDsnBody {
  name: string;
  public: string;
  secret?: string;
  projectId: string;
}

/**
 * Reads a pasted DSN (`https://<key>[:<secret>]@host/<project id>`) into the keys API's fields;
 * the server checks their shape, so only what a URL parser cannot find is reported here.
 */
export function readDsn(raw: string): AdoptDsnBody | string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return "That is not a DSN: paste the whole URL, like https://<key>@o1.ingest.sentry.io/123";
  }
  const projectId = url.pathname.split("/").filter(Boolean).pop();
  if (!url.username) return "This DSN has no public key (the part before @).";
  if (!projectId || !/^\d+$/.test(projectId)) return "This DSN does not end with a project id.";
  return {
    name: "Adopted DSN",
    public: decodeURIComponent(url.username),
    ...(url.password ? { secret: decodeURIComponent(url.password) } : {}),
    projectId,
  };
}

/**
 * "Add an existing DSN": SDKs already deployed with a DSN from Sentry (or another install) keep
 * working once their host points here: same key, same project id.
 */
export function AdoptDsnForm({ onAdopt }: { onAdopt: (body: AdoptDsnBody) => Promise<string | null> }) {
  const [dsn, setDsn] = useState("");
  const [problem, setProblem] = useState<string>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = readDsn(dsn);
    if (typeof body === "string") {
      setProblem(body);
      return;
    }
    setProblem(undefined);
    // The server's refusal (a key or id already in use) is shown here, next to what was typed.
    const refused = await onAdopt(body);
    if (refused === null) setDsn("");
    else setProblem(refused);
  }

  return (
    <form className="adopt-dsn" onSubmit={(event) => void submit(event)}>
      <h3>Add an existing DSN</h3>
      <p className="muted">
        Keep a DSN your applications already use: change only its host to this server and events keep their project.
      </p>
      <div className="key-controls">
        <label className="inline-field">
          <span className="muted">DSN</span>
          <input
            type="text"
            aria-label="Existing DSN"
            placeholder="https://<key>@o1.ingest.sentry.io/123"
            value={dsn}
            onChange={(event) => setDsn(event.target.value)}
          />
        </label>
        <button type="submit" className="btn btn-small" disabled={dsn.trim() === ""}>
          Add DSN
        </button>
      </div>
      {problem ? (
        <div className="form-error" role="alert">
          {problem}
        </div>
      ) : null}
    </form>
  );
}
