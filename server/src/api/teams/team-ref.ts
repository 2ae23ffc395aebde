/** A team as projects and issue assignees name it (Sentry's `{id, slug, name}`). */
export interface TeamRef {
  id: string;
  slug: string;
  name: string;
}

export function teamRef(team: { id: number; slug: string; name: string }): TeamRef {
  return { id: String(team.id), slug: team.slug, name: team.name };
}
