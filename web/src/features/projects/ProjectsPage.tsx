import { Link } from "react-router";
import type { StatSeries, StatsV2 } from "../../api/types";
import { useApi } from "../../api/use-api";
import { Sparkline } from "../../components/charts/Sparkline";
import { EmptyState } from "../../components/ui/states";
import { useOrg } from "../layout/org-context";
import { PLATFORMS } from "./platforms";

const platformLabel = (value: string) => PLATFORMS.find((item) => item.value === value)?.label ?? value;

/** Each project's events per hour over the last 24 hours, from stats_v2 grouped by project. */
function volumeByProject(stats: StatsV2 | undefined): Map<string, StatSeries> {
  const byProject = new Map<string, StatSeries>();
  if (!stats) return byProject;
  const times = stats.intervals.map((iso) => Date.parse(iso) / 1000);
  for (const group of stats.groups) {
    const counts = group.series["sum(quantity)"] ?? [];
    byProject.set(
      String(group.by.project),
      times.map((time, n) => [time, counts[n] ?? 0]),
    );
  }
  return byProject;
}

export function ProjectsPage() {
  const { org } = useOrg();
  const stats = useApi<StatsV2>(`/organizations/${org.slug}/stats_v2/`, {
    groupBy: "project",
    statsPeriod: "24h",
    interval: "1h",
    field: "sum(quantity)",
  });
  const volume = volumeByProject(stats.data);
  return (
    <section className="page">
      <div className="page-head">
        <h1>Projects</h1>
        <Link className="btn btn-primary" to={`/organizations/${org.slug}/projects/new/`}>
          New project
        </Link>
      </div>
      {org.projects.length === 0 ? (
        <EmptyState title="No projects yet">Create a project to get a DSN, then point a Sentry SDK at it.</EmptyState>
      ) : (
        <ul className="card-list">
          {org.projects.map((project) => (
            <li key={project.id} className="panel project-card">
              <div>
                <Link to={`/organizations/${org.slug}/projects/${project.slug}/`} className="project-name">
                  {project.name}
                </Link>
                <div className="muted">
                  {project.slug} · {platformLabel(project.platform)}
                </div>
                <div className="project-spark">
                  <Sparkline series={volume.get(project.id)} label={`${project.name} events in the last 24 hours`} />
                </div>
              </div>
              <div className="project-links">
                <Link to={`/organizations/${org.slug}/issues/?project=${project.id}`}>Issues</Link>
                <Link to={`/organizations/${org.slug}/projects/${project.slug}/users/`}>Users</Link>
                <Link to={`/organizations/${org.slug}/projects/${project.slug}/`}>Set up</Link>
                <Link to={`/organizations/${org.slug}/settings/projects/${project.slug}/`}>Configure</Link>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
