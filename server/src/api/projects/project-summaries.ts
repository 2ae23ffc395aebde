import { createProjectSummariesRepo, createTeamsRepo, noProjectFacts, type Database } from "@faultline/db";
import { sentryScopeNames, type Scope } from "../../auth/permissions";
import { teamRef } from "../teams/team-ref";
import { serializeProject, type ProjectContext } from "./serialize-project";

type ProjectRow = Parameters<typeof serializeProject>[0];

/**
 * Serializes a page of one organization's projects with what Sentry's summaries add (platforms,
 * environments, latest release, user reports, sessions), fetched for the whole page in one query.
 */
export function createProjectSummaries(db: Database) {
  const repo = createProjectSummariesRepo(db);
  const teams = createTeamsRepo(db);

  async function contexts(
    organization: { id: number; slug: string; name: string },
    scopes: Scope[],
    projectIds: number[],
  ): Promise<(projectId: number) => ProjectContext> {
    const [facts, teamsOf] = await Promise.all([repo.factsOf(projectIds), teams.teamsOfProjects(projectIds)]);
    const access = sentryScopeNames(scopes);
    return (projectId) => ({
      facts: facts.get(projectId) ?? noProjectFacts(),
      teams: (teamsOf.get(projectId) ?? []).map(teamRef),
      access,
    });
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
