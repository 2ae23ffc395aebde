import { Link, Navigate, NavLink, Outlet, useNavigate, useParams, useSearchParams } from "react-router";
import type { Organization, OrganizationDetail } from "../../api/types";
import { useApi } from "../../api/use-api";
import { EmptyState, ErrorState, Loading } from "../../components/ui/states";
import { useTheme } from "../../lib/theme";
import { useAuth } from "../auth/auth-context";
import { OrgContext } from "./org-context";

const THEME_LABEL = { system: "Auto", dark: "Dark", light: "Light" } as const;

/** The frame around every signed-in page: brand, organization and project switchers, nav, theme, user. */
export function Layout() {
  const { org: orgSlug } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { auth, logout } = useAuth();
  const theme = useTheme();
  const orgs = useApi<Organization[]>("/organizations/");
  const org = useApi<OrganizationDetail>(orgSlug ? `/organizations/${encodeURIComponent(orgSlug)}/` : null);
  const projectId = params.get("project") ?? "";
  // Install-wide pages: the API refuses everyone else too, the link only saves them a 403.
  const isSuperuser = auth.status === "authenticated" && auth.user.isSuperuser === true;

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
            value={orgSlug ?? ""}
            onChange={(event) => void navigate(`/organizations/${event.target.value}/issues/`)}
          >
            {!orgSlug ? <option value="">Organization…</option> : null}
            {orgs.data.map((item) => (
              <option key={item.id} value={item.slug}>
                {item.name}
              </option>
            ))}
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
        {orgSlug || isSuperuser ? (
          <nav className="nav">
            {orgSlug ? (
              <>
                <NavLink to={`/organizations/${orgSlug}/issues/`}>Issues</NavLink>
                <NavLink to={`/organizations/${orgSlug}/projects/`}>Projects</NavLink>
                <NavLink to={`/organizations/${orgSlug}/stats/`}>Stats</NavLink>
                <NavLink to={`/organizations/${orgSlug}/settings/`}>Settings</NavLink>
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
            <span className="user-email muted" title={auth.user.email}>
              {auth.user.email}
            </span>
          ) : null}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => void signOut()}>
            Log out
          </button>
        </div>
      </header>
      <main className="content">
        {!orgSlug ? (
          <Outlet />
        ) : org.error ? (
          <ErrorState error={org.error} onRetry={org.reload} />
        ) : !org.data ? (
          <Loading />
        ) : (
          <OrgContext.Provider value={{ org: org.data, reloadOrg: org.reload }}>
            <Outlet />
          </OrgContext.Provider>
        )}
      </main>
    </div>
  );
}

/** "/" goes to the first organization's issues; without any, says what to do. */
export function HomeRedirect() {
  const orgs = useApi<Organization[]>("/organizations/");
  if (orgs.error) return <ErrorState error={orgs.error} onRetry={orgs.reload} />;
  if (!orgs.data) return <Loading />;
  const first = orgs.data[0];
  if (!first)
    return (
      <EmptyState title="You are not in any organization yet">
        Ask an owner of your Faultline organization to add you as a member.
      </EmptyState>
    );
  return <Navigate to={`/organizations/${first.slug}/issues/`} replace />;
}
