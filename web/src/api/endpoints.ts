import type { LoginBody, UpdateIssueBody } from "@faultline/contracts";
import { apiFetch, apiGet, apiSend } from "./client";
import type { ApiRoot, IssueDetail, Organization, OrganizationDetail, Project, ProjectKey, User } from "./types";

/** Named calls for the writes and one-off reads; lists go through useApi with these paths. */
export const api = {
  root: () => apiGet<ApiRoot>("/"),
  needsSetup: () => apiGet<{ needsSetup: boolean }>("/auth/setup/"),
  setUp: (body: { email: string; password: string; name?: string }) =>
    apiSend<{ user: User }>("POST", "/auth/setup/", body),
  login: (body: LoginBody) => apiSend<{ user: User }>("POST", "/auth/login/", body),
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
  bulkDeleteIssues: (org: string, ids: string[]) =>
    apiFetch<null>(`/organizations/${encodeURIComponent(org)}/issues/`, { method: "DELETE", query: { id: ids } }),
};
