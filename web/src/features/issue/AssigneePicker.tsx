import { useEffect, useRef, useState } from "react";
import type { Assignee } from "../../api/types";
import { useApi } from "../../api/use-api";
import { useAuth } from "../auth/auth-context";
import { useOrg } from "../layout/org-context";

interface Member {
  id: string;
  email: string;
  name: string;
  user: { id: string; email: string; name: string };
}

interface Team {
  id: string;
  slug: string;
  name: string;
}

/**
 * "Assign ▾": the organization's members and teams (read when the menu opens) and "Unassign".
 * Calls `onAssign` with Sentry's `assignedTo` value: `user:<id>`, `team:<id>`, or null to clear.
 */
export function AssigneePicker({
  assignee,
  busy,
  small = false,
  onAssign,
}: {
  /** The current assignee, if the picker is about one issue. */
  assignee?: Assignee | null;
  busy: boolean;
  small?: boolean;
  onAssign: (assignedTo: string | null) => void;
}) {
  const { org } = useOrg();
  const { auth } = useAuth();
  const me = auth.status === "authenticated" ? auth.user : undefined;
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState("");
  const menu = useRef<HTMLDivElement>(null);
  const members = useApi<Member[]>(open ? `/organizations/${encodeURIComponent(org.slug)}/members/` : null);
  const teams = useApi<Team[]>(open ? `/organizations/${encodeURIComponent(org.slug)}/teams/?detailed=0` : null);

  // Closes on a click elsewhere or Escape.
  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (!menu.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  const choose = (value: string | null) => {
    setOpen(false);
    setFilter("");
    onAssign(value);
  };
  const needle = filter.trim().toLowerCase();
  // You first, then by name.
  const listed = (members.data ?? [])
    .filter((member) => !needle || `${member.name} ${member.email}`.toLowerCase().includes(needle))
    .sort((a, b) => Number(b.user.id === me?.id) - Number(a.user.id === me?.id) || a.name.localeCompare(b.name));
  const listedTeams = (teams.data ?? []).filter(
    (team) => !needle || `#${team.slug} ${team.name}`.toLowerCase().includes(needle),
  );

  return (
    <div className="menu assignee-picker" ref={menu}>
      <button
        type="button"
        className={`btn${small ? " btn-small" : ""}`}
        disabled={busy}
        aria-expanded={open}
        aria-haspopup="menu"
        onClick={() => setOpen((value) => !value)}
      >
        {assignee ? <>Assigned: {assignee.type === "team" ? `#${assignee.name}` : assignee.name}</> : "Assign"} ▾
      </button>
      {open ? (
        <div className="menu-list assignee-menu" role="menu" aria-label="Assign to">
          {(members.data?.length ?? 0) > 6 ? (
            <input
              type="search"
              aria-label="Find a member"
              placeholder="Find a member…"
              value={filter}
              autoFocus
              onChange={(event) => setFilter(event.target.value)}
            />
          ) : null}
          {members.error ? (
            <div className="menu-note form-error" role="alert">
              Could not load members: {members.error.message}{" "}
              <button type="button" className="link-button" onClick={members.reload}>
                Retry
              </button>
            </div>
          ) : !members.data ? (
            <div className="menu-note muted">Loading members…</div>
          ) : listed.length === 0 ? (
            <div className="menu-note muted">No members match</div>
          ) : (
            <ul>
              {listed.map((member) => {
                const current = assignee?.type !== "team" && assignee?.id === member.user.id;
                return (
                  <li key={member.id}>
                    <button
                      type="button"
                      role="menuitemradio"
                      aria-checked={current}
                      onClick={() => choose(`user:${member.user.id}`)}
                    >
                      <span className="assignee-name">
                        {member.name}
                        {member.user.id === me?.id ? <span className="muted"> (you)</span> : null}
                        {current ? <span aria-hidden="true"> ✓</span> : null}
                      </span>
                      {member.email !== member.name ? (
                        <span className="assignee-email muted">{member.email}</span>
                      ) : null}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
          {listedTeams.length > 0 ? (
            <ul className="menu-footer" aria-label="Teams">
              {listedTeams.map((team) => {
                const current = assignee?.type === "team" && assignee.id === team.id;
                return (
                  <li key={`team-${team.id}`}>
                    <button
                      type="button"
                      role="menuitemradio"
                      aria-checked={current}
                      onClick={() => choose(`team:${team.id}`)}
                    >
                      <span className="assignee-name">
                        #{team.slug}
                        {current ? <span aria-hidden="true"> ✓</span> : null}
                      </span>
                      {team.name !== team.slug ? <span className="assignee-email muted">{team.name}</span> : null}
                    </button>
                  </li>
                );
              })}
            </ul>
          ) : null}
          {assignee !== null ? (
            <ul className="menu-footer">
              <li>
                <button type="button" role="menuitem" onClick={() => choose(null)}>
                  Unassign
                </button>
              </li>
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
