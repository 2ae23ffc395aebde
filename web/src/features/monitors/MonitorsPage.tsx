import { useState } from "react";
import { useParams } from "react-router";
import { useApi } from "../../api/use-api";
import { TimeAgo } from "../../components/ui/badges";
import { EmptyState, ErrorState, PanelSkeleton } from "../../components/ui/states";
import { useOrg } from "../layout/org-context";
import { CheckInTimeline } from "./CheckInTimeline";
import { describeSchedule, statusLook } from "./format";
import type { Monitor } from "./types";
import "./monitors.css";

/** A project's cron monitors: schedule, next expected run and last status per environment, and a check-in timeline. */
export function MonitorsPage() {
  const { org } = useOrg();
  const { project = "" } = useParams();
  const monitors = useApi<Monitor[]>(`/organizations/${org.slug}/monitors/`);
  const [open, setOpen] = useState<string>();
  const name = org.projects.find((item) => item.slug === project)?.name ?? project;
  const mine = monitors.data?.filter((monitor) => monitor.project.slug === project);
  return (
    <section className="page">
      <div className="page-head">
        <h1>Cron monitors · {name}</h1>
      </div>
      <div className="panel list-panel">
        {monitors.error ? (
          <ErrorState error={monitors.error} onRetry={monitors.reload} />
        ) : !mine ? (
          <PanelSkeleton />
        ) : mine.length === 0 ? (
          <EmptyState title="No monitors yet">
            Wrap a job in <code>Sentry.withMonitor()</code> or run it with{" "}
            <code>sentry-cli monitors run --schedule</code>.
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th>Monitor</th>
                  <th>Schedule</th>
                  <th>Environment</th>
                  <th>Last status</th>
                  <th>Last check-in</th>
                  <th>Next expected</th>
                </tr>
              </thead>
              <tbody>
                {mine.map((monitor) => {
                  const envs = monitor.environments.length ? monitor.environments : [null];
                  return envs.map((env, index) => {
                    const look = statusLook(env?.status ?? "active");
                    return (
                      <tr key={`${monitor.id}-${env?.name ?? ""}`}>
                        {index === 0 ? (
                          <td rowSpan={envs.length}>
                            <button
                              type="button"
                              className="link-button"
                              aria-expanded={open === monitor.slug}
                              onClick={() => setOpen(open === monitor.slug ? undefined : monitor.slug)}
                            >
                              {monitor.name}
                            </button>
                            {monitor.isMuted ? <span className="muted small"> · muted</span> : null}
                            {monitor.status === "disabled" ? <span className="muted small"> · disabled</span> : null}
                          </td>
                        ) : null}
                        {index === 0 ? <td rowSpan={envs.length}>{describeSchedule(monitor.config)}</td> : null}
                        <td>{env?.name ?? "—"}</td>
                        <td>
                          <span className={look.className}>{look.label}</span>
                        </td>
                        <td>{env?.lastCheckIn ? <TimeAgo iso={env.lastCheckIn} /> : "—"}</td>
                        <td>{env?.nextCheckIn ? new Date(env.nextCheckIn).toLocaleString() : "—"}</td>
                      </tr>
                    );
                  });
                })}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {open ? (
        <div className="panel">
          <h2>Check-ins · {mine?.find((monitor) => monitor.slug === open)?.name ?? open}</h2>
          <CheckInTimeline org={org.slug} monitor={open} />
        </div>
      ) : null}
    </section>
  );
}
