import { lazy, Suspense } from "react";
import { BrowserRouter, Route, Routes } from "react-router";
import { PanelSkeleton } from "./components/ui/states";
import { AuthProvider } from "./features/auth/auth-context";
import { AcceptInvitePage } from "./features/auth/AcceptInvitePage";
import { UnsubscribePage } from "./features/subscriptions/UnsubscribePage";
import { ForgotPasswordPage } from "./features/auth/ForgotPasswordPage";
import { LoginPage } from "./features/auth/LoginPage";
import { ResetPasswordPage } from "./features/auth/ResetPasswordPage";
import { RequireAuth } from "./features/auth/RequireAuth";
import { SetupPage } from "./features/auth/SetupPage";
import { HomeRedirect, Layout, NotFoundPage } from "./features/layout/Layout";

// Every page with a chart (recharts, most of the bundle's weight) is loaded when first needed,
// so sign-in and first paint stay light.
const ProjectsPage = lazy(() => import("./features/projects/ProjectsPage").then((m) => ({ default: m.ProjectsPage })));
const ProjectPage = lazy(() => import("./features/projects/ProjectPage").then((m) => ({ default: m.ProjectPage })));
const NewProjectPage = lazy(() =>
  import("./features/projects/NewProjectPage").then((m) => ({ default: m.NewProjectPage })),
);
const IssueListPage = lazy(() => import("./features/issues/IssueListPage").then((m) => ({ default: m.IssueListPage })));
const UsersPage = lazy(() => import("./features/users/UsersPage").then((m) => ({ default: m.UsersPage })));
const UserPage = lazy(() => import("./features/users/UserPage").then((m) => ({ default: m.UserPage })));
const StatsPage = lazy(() => import("./features/stats/StatsPage").then((m) => ({ default: m.StatsPage })));
const SettingsLayout = lazy(() =>
  import("./features/settings/SettingsLayout").then((m) => ({ default: m.SettingsLayout })),
);
const OrganizationSettingsPage = lazy(() =>
  import("./features/settings/OrganizationSettingsPage").then((m) => ({ default: m.OrganizationSettingsPage })),
);
const MembersSettingsPage = lazy(() =>
  import("./features/settings/MembersSettingsPage").then((m) => ({ default: m.MembersSettingsPage })),
);
const TeamsSettingsPage = lazy(() =>
  import("./features/settings/TeamsSettingsPage").then((m) => ({ default: m.TeamsSettingsPage })),
);
const ProjectsSettingsPage = lazy(() =>
  import("./features/settings/ProjectsSettingsPage").then((m) => ({ default: m.ProjectsSettingsPage })),
);
const ProjectSettingsPage = lazy(() =>
  import("./features/settings/project/ProjectSettingsPage").then((m) => ({ default: m.ProjectSettingsPage })),
);
const AccountSettingsPage = lazy(() =>
  import("./features/settings/AccountSettingsPage").then((m) => ({ default: m.AccountSettingsPage })),
);
const NewOrganizationPage = lazy(() =>
  import("./features/organizations/NewOrganizationPage").then((m) => ({ default: m.NewOrganizationPage })),
);
const AlertsPage = lazy(() => import("./features/alerts/AlertsPage").then((m) => ({ default: m.AlertsPage })));
const NewRulePage = lazy(() => import("./features/alerts/NewRulePage").then((m) => ({ default: m.NewRulePage })));
const RulePage = lazy(() => import("./features/alerts/RulePage").then((m) => ({ default: m.RulePage })));
const SystemPage = lazy(() => import("./features/system/SystemPage").then((m) => ({ default: m.SystemPage })));
const ReleasesPage = lazy(() => import("./features/releases/ReleasesPage").then((m) => ({ default: m.ReleasesPage })));
const IssuePage = lazy(() => import("./features/issue/IssuePage").then((m) => ({ default: m.IssuePage })));
const ReleasePage = lazy(() => import("./features/releases/ReleasePage").then((m) => ({ default: m.ReleasePage })));
const AccountPage = lazy(() => import("./features/account/AccountPage").then((m) => ({ default: m.AccountPage })));
const FeedbackPage = lazy(() => import("./features/feedback/FeedbackPage").then((m) => ({ default: m.FeedbackPage })));
const MonitorsPage = lazy(() => import("./features/monitors/MonitorsPage").then((m) => ({ default: m.MonitorsPage })));

/** Routes follow Sentry's URLs, so an issue's `permalink` from the API opens its page here. */
export function App() {
  return (
    <BrowserRouter>
      <AuthProvider>
        <Suspense fallback={<PanelSkeleton />}>
          <Routes>
            <Route path="/setup" element={<SetupPage />} />
            <Route path="/login" element={<LoginPage />} />
            <Route path="/forgot-password" element={<ForgotPasswordPage />} />
            <Route path="/reset-password/:token" element={<ResetPasswordPage />} />
            <Route path="/accept/:memberId/:token" element={<AcceptInvitePage />} />
            <Route path="/unsubscribe/:token" element={<UnsubscribePage />} />
            <Route
              element={
                <RequireAuth>
                  <Layout />
                </RequireAuth>
              }
            >
              <Route index element={<HomeRedirect />} />
              <Route path="/organizations/:org/issues" element={<IssueListPage />} />
              <Route path="/organizations/:org/issues/:issueId" element={<IssuePage />} />
              <Route path="/organizations/:org/issues/:issueId/events/:eventId" element={<IssuePage />} />
              <Route path="/organizations/:org/projects" element={<ProjectsPage />} />
              <Route path="/organizations/:org/projects/new" element={<NewProjectPage />} />
              <Route path="/organizations/:org/projects/:project" element={<ProjectPage />} />
              <Route path="/organizations/:org/projects/:project/users" element={<UsersPage />} />
              <Route path="/organizations/:org/projects/:project/releases" element={<ReleasesPage />} />
              <Route path="/organizations/:org/projects/:project/releases/:version" element={<ReleasePage />} />
              <Route path="/organizations/:org/projects/:project/user-feedback" element={<FeedbackPage />} />
              <Route path="/organizations/:org/projects/:project/monitors" element={<MonitorsPage />} />
              <Route path="/organizations/:org/projects/:project/users/:tagValue" element={<UserPage />} />
              <Route path="/organizations/:org/projects/:project/alerts" element={<AlertsPage />} />
              <Route path="/organizations/:org/projects/:project/alerts/new" element={<NewRulePage />} />
              <Route path="/organizations/:org/projects/:project/alerts/:ruleId" element={<RulePage />} />
              <Route path="/organizations/:org/stats" element={<StatsPage />} />
              <Route path="/organizations/new" element={<NewOrganizationPage />} />
              <Route path="/organizations/:org/settings" element={<SettingsLayout />}>
                <Route index element={<OrganizationSettingsPage />} />
                <Route path="members" element={<MembersSettingsPage />} />
                <Route path="teams" element={<TeamsSettingsPage />} />
                <Route path="projects" element={<ProjectsSettingsPage />} />
                <Route path="projects/:project" element={<ProjectSettingsPage />} />
                <Route path="account" element={<AccountSettingsPage />} />
              </Route>
              <Route path="/settings/account" element={<AccountPage />} />
              <Route path="/manage/system" element={<SystemPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </Suspense>
      </AuthProvider>
    </BrowserRouter>
  );
}
