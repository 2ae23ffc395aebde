import type { OrganizationDetail } from "../../api/types";

type Caller = Pick<OrganizationDetail, "access" | "orgRole">;

/**
 * What the caller may change, from the organization's `access` (Sentry's scope names, already
 * narrowed by the role). The pages only disable what the API would refuse anyway.
 */
export const canManageOrganization = (org: Caller) => org.access.includes("org:write");
export const canManageProjects = (org: Caller) => org.access.includes("project:admin");
export const canManageMembers = (org: Caller) => org.access.includes("member:admin");
/** Deleting the organization is the owners' alone, as in Sentry. */
export const canDeleteOrganization = (org: Caller) => org.orgRole === "owner" && canManageOrganization(org);

export const MANAGERS_ONLY = "Only the organization's owners and admins change these settings.";
