import { sentryScopeNames, type Scope } from "../../auth/permissions";

interface OrgRow {
  id: number;
  slug: string;
  name: string;
  createdAt: Date;
  openMembership?: boolean;
  require2FA?: boolean;
}

/**
 * Sentry's organization summary (the list entries). `links` are what a self-hosted Sentry
 * without customer domains answers: the server's own URL for both, which is where its API is.
 */
export function serializeOrganization(org: OrgRow, publicUrl: string) {
  return {
    id: String(org.id),
    slug: org.slug,
    name: org.name,
    dateCreated: org.createdAt.toISOString(),
    status: { id: "active", name: "active" },
    isEarlyAdopter: false,
    require2FA: org.require2FA ?? false,
    // Only admins invite members and create projects; superusers see every organization.
    allowMemberInvite: false,
    allowMemberProjectCreation: false,
    allowSuperuserAccess: true,
    // Sentry's setting: every member sees every project (see access.ts).
    openMembership: org.openMembership ?? true,
    hasAuthProvider: false,
    avatar: { avatarType: "letter_avatar", avatarUuid: null },
    features: [] as string[],
    links: { organizationUrl: publicUrl, regionUrl: publicUrl },
  };
}

/** The detail adds what the caller may do (`access`, Sentry's scope names) and the role. */
export function serializeOrganizationDetail(
  org: OrgRow,
  publicUrl: string,
  caller: { role: string; scopes: Scope[] },
  projects: unknown[],
  teams: unknown[],
) {
  return {
    ...serializeOrganization(org, publicUrl),
    access: sentryScopeNames(caller.scopes),
    orgRole: caller.role,
    projects,
    teams,
  };
}
