import { Suspense, useEffect, useState } from "react";
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate, useParams, useSearchParams } from "react-router";
import type { Organization, OrganizationDetail } from "../../api/types";
import { useApi } from "../../api/use-api";
import { EmptyState, ErrorState, PanelSkeleton } from "../../components/ui/states";
import { useTheme } from "../../lib/theme";
import { useAuth } from "../auth/auth-context";
import { OrgContext } from "./org-context";
import { useOrganizationsChanged } from "./organizations-changed";

const THEME_LABEL = { system: "Auto", dark: "Dark", light: "Light" } as const;
/** The switcher's last entry, for those allowed to create organizations (no slug can hold a space). */
const NEW_ORGANIZATION = "new organization";

/** The frame around every signed-in page: brand, organization and project switchers, nav, theme, user. */
export function Layout() {
  const { org: orgSlug } = useParams();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  // A phone's menu closes once a link in it is followed.
  useEffect(() => setMenuOpen(false), [location.pathname, location.search]);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { auth, logout } = useAuth();
  const theme = useTheme();
  const orgs = useApi<Organization[]>("/organizations/");
  useOrganizationsChanged(orgs.reload);
  const org = useApi<OrganizationDetail>(orgSlug ? `/organizations/${encodeURIComponent(orgSlug)}/` : null);
  const projectId = params.get("project") ?? "";
  // Pages outside an organization (System, an unknown address) keep the organization's links:
  // the one named in the address, else the first one the user belongs to.
  // ("/organizations/new/" is the new-organization form, not an organization called "new".)
  const navOrg = orgSlug ?? /^\/organizations\/(?!new\/?$)([^/]+)/.exec(location.pathname)?.[1] ?? orgs.data?.[0]?.slug;
  // Install-wide pages: the API refuses everyone else too, the link only saves them a 403.
  const isSuperuser = auth.status === "authenticated" && auth.user.isSuperuser === true;

  const content = !orgSlug ? (
    <Outlet />
  ) : org.error ? (
    <ErrorState error={org.error} onRetry={org.reload} />
  ) : !org.data ? (
    <PanelSkeleton label="Loading organization…" rows={6} />
  ) : (
    <OrgContext.Provider value={{ org: org.data, reloadOrg: org.reload }}>
      <Outlet />
    </OrgContext.Provider>
  );

  async function signOut() {
    await logout();
    await navigate("/login", { replace: true });
  }

  return (
    <div className="app">
      <header className="topbar">
        <Link to="/" className="brand">
          Faultline
        </Link>
        {orgs.data && orgs.data.length > 0 ? (
          <select
            aria-label="Organization"
            className="switcher"
            value={navOrg ?? ""}
            onChange={(event) =>
              void navigate(
                event.target.value === NEW_ORGANIZATION
                  ? "/organizations/new/"
                  : `/organizations/${event.target.value}/issues/`,
              )
            }
          >
            {!navOrg ? <option value="">Organization…</option> : null}
            {orgs.data.map((item) => (
              <option key={item.id} value={item.slug}>
                {item.name}
              </option>
            ))}
            {isSuperuser ? <option value={NEW_ORGANIZATION}>+ New organization</option> : null}
          </select>
        ) : null}
        {orgSlug && org.data ? (
          <select
            aria-label="Project"
            className="switcher"
            value={projectId}
            onChange={(event) =>
              void navigate(
                `/organizations/${orgSlug}/issues/${event.target.value ? `?project=${event.target.value}` : ""}`,
              )
            }
          >
            <option value="">All projects</option>
            {org.data.projects.map((project) => (
              <option key={project.id} value={project.id}>
                {project.name}
              </option>
            ))}
          </select>
        ) : null}
        <button
          type="button"
          className="btn btn-ghost btn-small menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="topbar-menu"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <div
          id="topbar-menu"
          className={`topbar-menu${menuOpen ? " open" : ""}`}
          // Following a link in the phone menu closes it (the address change does too).
          onClick={(event) => {
            if ((event.target as HTMLElement).closest("a")) setMenuOpen(false);
          }}
        >
          {navOrg || isSuperuser ? (
            <nav className="nav">
              {navOrg ? (
                <>
                  <NavLink to={`/organizations/${navOrg}/issues/`}>Issues</NavLink>
                  <NavLink to={`/organizations/${navOrg}/projects/`}>Projects</NavLink>
                  <NavLink to={`/organizations/${navOrg}/stats/`}>Stats</NavLink>
                  <NavLink to={`/organizations/${navOrg}/settings/`}>Settings</NavLink>
                </>
              ) : null}
              {isSuperuser ? <NavLink to="/manage/system/">System</NavLink> : null}
            </nav>
          ) : null}
          <div className="topbar-end">
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={theme.cycle}
              title="Theme: follows the system, or pick dark or light"
            >
              Theme: {THEME_LABEL[theme.choice]}
            </button>
            {auth.status === "authenticated" ? (
              <NavLink className="user-email muted" to="/settings/account/" title="Your account">
                {auth.user.email}
              </NavLink>
            ) : null}
            <button type="button" className="btn btn-ghost btn-small" onClick={() => void signOut()}>
              Log out
            </button>
          </div>
        </div>
      </header>
      <main className="content">
        {/* A page's code loads inside the frame, so the navigation stays while it does. */}
        <Suspense fallback={<PanelSkeleton rows={6} />}>{content}</Suspense>
      </main>
    </div>
  );
}

/** "/" goes to the first organization's issues; without any, says what to do. */
export function HomeRedirect() {
  const { auth } = useAuth();
  const orgs = useApi<Organization[]>("/organizations/");
  if (orgs.error) return <ErrorState error={orgs.error} onRetry={orgs.reload} />;
  if (!orgs.data) return <PanelSkeleton />;
  const first = orgs.data[0];
  if (!first)
    return (
      <EmptyState title="You are not in any organization yet">
        {auth.status === "authenticated" && auth.user.isSuperuser === true ? (
          <Link to="/organizations/new/">Create an organization</Link>
        ) : (
          "Ask an owner of your Faultline organization to add you as a member."
        )}
      </EmptyState>
    );
  return <Navigate to={`/organizations/${first.slug}/issues/`} replace />;
}

/** Any address the dashboard does not know, inside the usual frame so the navigation stays. */
export function NotFoundPage() {
  return (
    <div className="page">
      <EmptyState title="Page not found">
        Nothing lives at this address. <Link to="/">Go to your issues</Link>
      </EmptyState>
    </div>
  );
}
