import { sentryScopeNames, type Scope } from "../../auth/permissions";

interface OrgRow {
  id: number;
  slug: string;
  name: string;
  createdAt: Date;
}

/** Sentry's organization summary (the list entries). */
export function serializeOrganization(org: OrgRow) {
  return {
    id: String(org.id),
    slug: org.slug,
    name: org.name,
    dateCreated: org.createdAt.toISOString(),
    status: { id: "active", name: "active" },
    isEarlyAdopter: false,
    require2FA: false,
    avatar: { avatarType: "letter_avatar", avatarUuid: null },
    features: [] as string[],
    links: { organizationUrl: "", regionUrl: "" },
  };
}

/** The detail adds what the caller may do (`access`, Sentry's scope names) and the role. */
export function serializeOrganizationDetail(org: OrgRow, role: string, scopes: Scope[], projects: unknown[]) {
  return { ...serializeOrganization(org), access: sentryScopeNames(scopes), orgRole: role, projects, teams: [] };
}
