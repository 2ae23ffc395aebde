import type { AlertRule, LoginBody, UpdateIssueBody } from "@faultline/contracts";
import { apiFetch, apiGet, apiSend } from "./client";
import type {
  AlertRuleDetail,
  ApiRoot,
  IssueDetail,
  NotificationDelivery,
  Organization,
  OrganizationDetail,
  Project,
  ProjectKey,
  User,
} from "./types";

/** `/projects/{org}/{project}/`: where a project's alert rules and delivery log live. */
export const projectPath = (org: string, project: string) =>
  `/projects/${encodeURIComponent(org)}/${encodeURIComponent(project)}/`;

/** Named calls for the writes and one-off reads; lists go through useApi with these paths. */
export const api = {
  root: () => apiGet<ApiRoot>("/"),
  needsSetup: () => apiGet<{ needsSetup: boolean }>("/auth/setup/"),
  setUp: (body: { email: string; password: string; name?: string }) =>
    apiSend<{ user: User }>("POST", "/auth/setup/", body),
  /** With two-factor on, the password answers a pending sign-in that waits for the code. */
  login: (body: LoginBody) =>
    apiSend<{ user: User } | { twoFactorRequired: true; pendingLogin: string }>("POST", "/auth/login/", body),
  logout: () => apiSend<null>("POST", "/auth/logout/"),
  organizations: () => apiGet<Organization[]>("/organizations/"),
  organization: (org: string) => apiGet<OrganizationDetail>(`/organizations/${encodeURIComponent(org)}/`),
  createProject: (org: string, body: { name: string; platform?: string }) =>
    apiSend<Project>("POST", `/organizations/${encodeURIComponent(org)}/projects/`, body),
  projectKeys: (org: string, project: string) =>
    apiGet<ProjectKey[]>(`/projects/${encodeURIComponent(org)}/${encodeURIComponent(project)}/keys/`),
  updateIssue: (id: string, body: UpdateIssueBody) => apiSend<IssueDetail>("PUT", `/issues/${id}/`, body),
  deleteIssue: (id: string) => apiSend<null>("DELETE", `/issues/${id}/`),
  bulkUpdateIssues: (org: string, ids: string[], body: UpdateIssueBody) =>
    apiSend<unknown>("PUT", `/organizations/${encodeURIComponent(org)}/issues/`, body, { id: ids }),
  /** Sentry's bulk update without ids: every issue the search matches (at most 1000). */
  bulkUpdateMatching: (org: string, search: { query: string; project?: string }, body: UpdateIssueBody) =>
    apiSend<unknown>("PUT", `/organizations/${encodeURIComponent(org)}/issues/`, body, search),
  bulkDeleteIssues: (org: string, ids: string[]) =>
    apiFetch<null>(`/organizations/${encodeURIComponent(org)}/issues/`, { method: "DELETE", query: { id: ids } }),
  bulkDeleteMatching: (org: string, search: { query: string; project?: string }) =>
    apiFetch<null>(`/organizations/${encodeURIComponent(org)}/issues/`, { method: "DELETE", query: search }),
  // `base` is projectPath(org, project).
  createAlertRule: (base: string, body: AlertRule) => apiSend<AlertRuleDetail>("POST", `${base}alert-rules/`, body),
  /** Any subset of the fields; the rest stay as they are. */
  updateAlertRule: (base: string, id: string, body: Partial<AlertRule>) =>
    apiSend<AlertRuleDetail>("PUT", `${base}alert-rules/${id}/`, body),
  deleteAlertRule: (base: string, id: string) => apiSend<null>("DELETE", `${base}alert-rules/${id}/`),
  /** A test message through every action of the rule; answers the queued deliveries. */
  testAlertRule: (base: string, id: string) =>
    apiSend<{ deliveries: NotificationDelivery[] }>("POST", `${base}alert-rules/${id}/test/`),
  retryDelivery: (base: string, id: string) =>
    apiSend<NotificationDelivery>("POST", `${base}notifications/${id}/retry/`),
};
