import { useParams } from "react-router";
import { projectPath } from "../../api/endpoints";
import { useOrg } from "../layout/org-context";

/** The project an alerts page is about: its names, its API path and the pages' own path. */
export function useAlertsProject() {
  const { org } = useOrg();
  const { project = "" } = useParams();
  return {
    orgSlug: org.slug,
    projectSlug: project,
    name: org.projects.find((item) => item.slug === project)?.name ?? project,
    apiBase: projectPath(org.slug, project),
    pageBase: `/organizations/${org.slug}/projects/${encodeURIComponent(project)}/alerts/`,
  };
}

export const errorText = (failure: unknown) => (failure instanceof Error ? failure.message : String(failure));
