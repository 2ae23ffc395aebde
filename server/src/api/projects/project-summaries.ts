import { createProjectSummariesRepo, noProjectFacts, type Database } from "@faultline/db";
import { sentryScopeNames, type Scope } from "../../auth/permissions";
import { defaultTeam } from "../teams/default-team";
import { serializeProject, type ProjectContext } from "./serialize-project";

type ProjectRow = Parameters<typeof serializeProject>[0];

/**
 * Serializes a page of one organization's projects with what Sentry's summaries add (platforms,
 * environments, latest release, user reports, sessions), fetched for the whole page in one query.
 */
export function createProjectSummaries(db: Database) {
  const repo = createProjectSummariesRepo(db);

  async function contexts(
    organization: { id: number; slug: string; name: string },
    scopes: Scope[],
    projectIds: number[],
  ): Promise<(projectId: number) => ProjectContext> {
    const facts = await repo.factsOf(projectIds);
    const team = defaultTeam(organization);
    const access = sentryScopeNames(scopes);
    return (projectId) => ({ facts: facts.get(projectId) ?? noProjectFacts(), team, access });
  }

  return {
    contexts,
    async summarize(organization: { id: number; slug: string; name: string }, scopes: Scope[], projects: ProjectRow[]) {
      const contextOf = await contexts(
        organization,
        scopes,
        projects.map((project) => project.id),
      );
      return projects.map((project) => serializeProject(project, contextOf(project.id)));
    },
  };
}

export type ProjectSummaries = ReturnType<typeof createProjectSummaries>;
