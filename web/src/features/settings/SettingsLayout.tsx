import { NavLink, Outlet } from "react-router";
import "./settings.css";
import { useOrg } from "../layout/org-context";

/** The settings section's pages, in the order an admin sets an organization up. */
const SECTIONS = [
  { path: "", label: "Organization" },
  { path: "members/", label: "Members" },
  { path: "teams/", label: "Teams" },
  { path: "projects/", label: "Projects" },
  { path: "account/", label: "Account" },
] as const;

/** Settings: a side menu of the sections (a row of tabs on a phone) beside the chosen page. */
export function SettingsLayout() {
  const { org } = useOrg();
  const base = `/organizations/${org.slug}/settings/`;
  return (
    <div className="page settings-layout">
      <nav className="settings-nav" aria-label="Settings">
        {SECTIONS.map((section) => (
          // "Organization" is the section's index: it is current only on its own address.
          <NavLink key={section.label} to={`${base}${section.path}`} end={section.path === ""}>
            {section.label}
          </NavLink>
        ))}
      </nav>
      <div className="settings-main">
        <Outlet />
      </div>
    </div>
  );
}
