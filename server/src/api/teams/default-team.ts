/**
 * Faultline has no teams: every organization has one implied team, named and slugged after the
 * organization, that holds all of its projects and all of its members. Sentry's tools read
 * `team`/`teams` on projects and list `/organizations/{org}/teams/`; they all see this one.
 */
export interface TeamRef {
  id: string;
  slug: string;
  name: string;
}

export function defaultTeam(organization: { id: number; slug: string; name: string }): TeamRef {
  return { id: String(organization.id), slug: organization.slug, name: organization.name };
}
