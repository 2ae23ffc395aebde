import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { MemoryRouter, Route, Routes } from "react-router";
import type { OrganizationDetail } from "../api/types";
import { AuthProvider } from "./auth/auth-context";
import { OrgContext } from "./layout/org-context";

/** The organization the page tests render inside. */
export const TEST_ORG: OrganizationDetail = {
  id: "1",
  slug: "acme",
  name: "Acme",
  dateCreated: "2026-01-01T00:00:00Z",
  access: [],
  orgRole: "owner",
  projects: [],
};

/** Renders an organization page at `url`, routed by `path` as the app routes it, signed in. */
export function renderOrgPage(url: string, path: string, page: ReactElement) {
  return render(
    <MemoryRouter initialEntries={[url]}>
      <AuthProvider>
        <OrgContext.Provider value={{ org: TEST_ORG, reloadOrg: () => undefined }}>
          <Routes>
            <Route path={path} element={page} />
          </Routes>
        </OrgContext.Provider>
      </AuthProvider>
    </MemoryRouter>,
  );
}
