import type { ProjectImportCounts } from "@faultline/db";
import type { Skipped } from "./read-project";

export interface ProjectOutcome {
  slug: string;
  /** Counts of what was (or, in a dry run, would be) created and found already there. */
  counts: ProjectImportCounts | null;
  /** Why the project was not imported (nothing of it was written). */
  error: string | null;
}

export interface ImportReport {
  source: string;
  dryRun: boolean;
  organization: { slug: string; status: "created" | "exists" };
  projects: ProjectOutcome[];
  releases: { created: number; existing: number };
  members: { added: number; existing: number; notCarriedOver: number };
  teams: number;
  notCarriedOver: Skipped[];
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function pair(created: number, existing: number, verb: string): string {
  return existing > 0 ? `${created} ${verb}, ${existing} already here` : `${created} ${verb}`;
}

/** The report for people: what was (or would be) created, and every item not carried over. */
export function formatReport(report: ImportReport): string {
  const verb = report.dryRun ? "to create" : "created";
  const lines = [
    `${report.dryRun ? "Dry run: nothing was written. " : ""}Import of ${report.organization.slug} from ${report.source}`,
    `Organization ${report.organization.slug}: ${report.organization.status === "exists" ? "already here" : verb}`,
  ];
  for (const project of report.projects) {
    if (project.error || !project.counts) {
      lines.push(`Project ${project.slug}: NOT IMPORTED: ${project.error ?? "unknown error"}`);
      continue;
    }
    const c = project.counts;
    const issues =
      c.issues.created + c.issues.existing > 0 ? `; issues ${pair(c.issues.created, c.issues.existing, verb)}` : "";
    lines.push(
      `Project ${project.slug}: ${c.project === "exists" ? "already here" : verb}; keys ${pair(c.keys.created, c.keys.existing, verb)}; alert rules ${pair(c.rules.created, c.rules.existing, verb)}${issues}`,
    );
    if (c.issues.assigneesNotFound > 0)
      lines.push(`  ${c.issues.assigneesNotFound} issue assignee(s) have no account here: left unassigned`);
  }
  lines.push(`Releases: ${pair(report.releases.created, report.releases.existing, verb)}`);
  lines.push(
    `Members: ${report.members.added} ${report.dryRun ? "to add" : "added"} (accounts here with the same email), ${report.members.existing} already members`,
  );
  const notCarried = [...report.notCarriedOver];
  if (report.members.notCarriedOver > 0)
    notCarried.unshift({ what: plural(report.members.notCarriedOver, "member"), why: "invitations not available" });
  if (report.teams > 0) notCarried.unshift({ what: plural(report.teams, "team"), why: "Faultline has no teams yet" });
  if (notCarried.length > 0) {
    lines.push("Not carried over:");
    for (const item of notCarried) lines.push(`  - ${item.what} (${item.why})`);
  }
  return `${lines.join("\n")}\n`;
}
