import { useEffect, useRef, useState, type FormEvent } from "react";
import type { CreateSavedSearchBody } from "@faultline/contracts";
import { apiSend } from "../../api/client";
import { useApi } from "../../api/use-api";
import { useOrg } from "../layout/org-context";

/** Sentry's saved search, as `/organizations/{org}/searches/` lists it. */
export interface SavedSearch {
  id: string;
  name: string;
  query: string;
  sort: string;
  visibility: "owner" | "organization" | "owner_pinned";
  isPinned: boolean;
}

const SHARING_ROLES = new Set(["owner", "admin"]);

/**
 * The saved searches above the issue list: a chip per search (click applies it), "Save search"
 * for the current query, and Pin/Unpin to make it the caller's default. With no query in the
 * address, the pinned search is applied once, as Sentry opens the stream on it.
 */
export function SavedSearchChips(props: {
  query: string;
  sort: string;
  /** The address names a query: the pinned default must not replace it. */
  explicit: boolean;
  onSelect: (query: string, sort: string) => void;
}) {
  const { org } = useOrg();
  const { query, sort, explicit, onSelect } = props;
  const list = useApi<SavedSearch[]>(`/organizations/${org.slug}/searches/`);
  // Anything but a list (an older server without saved searches) shows no chips.
  const searches = Array.isArray(list.data) ? list.data : [];
  const pinned = searches.find((search) => search.visibility === "owner_pinned");
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState("");
  const [shared, setShared] = useState(false);
  const [error, setError] = useState<string>();
  const appliedPin = useRef(false);

  useEffect(() => {
    if (appliedPin.current || !Array.isArray(list.data)) return;
    appliedPin.current = true;
    const pin = list.data.find((search) => search.visibility === "owner_pinned");
    if (pin && !explicit) onSelect(pin.query, pin.sort);
  }, [list.data, explicit, onSelect]);

  async function run(change: () => Promise<unknown>) {
    setError(undefined);
    try {
      await change();
      list.reload();
      return true;
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      return false;
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const body: CreateSavedSearchBody = {
      type: 0,
      name: name.trim(),
      query,
      sort: sort as CreateSavedSearchBody["sort"],
      visibility: shared ? "organization" : "owner",
    };
    if (await run(() => apiSend("POST", `/organizations/${org.slug}/searches/`, body))) {
      setSaving(false);
      setName("");
      setShared(false);
    }
  }

  const isPinnedNow = pinned !== undefined && pinned.query === query && pinned.sort === sort;
  const chips = searches.filter((search) => search.visibility !== "owner_pinned");

  return (
    <div className="saved-searches" aria-label="Saved searches" role="group">
      {chips.map((search) => (
        <button
          key={search.id}
          type="button"
          className={`chip${search.query === query && search.sort === sort ? " active" : ""}`}
          title={`${search.query || "(all issues)"}${search.visibility === "organization" ? " · shared with the organization" : ""}`}
          onClick={() => onSelect(search.query, search.sort)}
        >
          {search.name}
          {search.visibility === "organization" ? <span className="muted"> · org</span> : null}
        </button>
      ))}
      {saving ? (
        <form className="inline-form" onSubmit={(event) => void save(event)}>
          <input
            aria-label="Saved search name"
            value={name}
            maxLength={128}
            onChange={(event) => setName(event.target.value)}
            placeholder="Name"
            required
          />
          {SHARING_ROLES.has(org.orgRole) ? (
            <label className="check">
              <input type="checkbox" checked={shared} onChange={() => setShared((value) => !value)} /> Share with the
              organization
            </label>
          ) : null}
          <button type="submit" className="btn btn-small btn-primary">
            Save
          </button>
          <button type="button" className="btn btn-small" onClick={() => setSaving(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" className="btn btn-small" onClick={() => setSaving(true)}>
          Save search
        </button>
      )}
      <button
        type="button"
        className="btn btn-small"
        aria-pressed={isPinnedNow}
        onClick={() =>
          void run(() =>
            isPinnedNow
              ? apiSend("DELETE", `/organizations/${org.slug}/pinned-searches/`, { type: 0 })
              : apiSend("PUT", `/organizations/${org.slug}/pinned-searches/`, { type: 0, query, sort }),
          )
        }
      >
        {isPinnedNow ? "Unpin" : "Pin as default"}
      </button>
      {error ? (
        <span className="form-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
