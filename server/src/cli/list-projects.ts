import { buildDsn } from "@faultline/core";
import { createProjectsRepo, keyDsnProjectId } from "@faultline/db";
import { readCliConfig, withDatabase, type Command } from "./command";

export const listProjectsCommand: Command = {
  options: {},
  async run(values, { env, out }) {
    const config = readCliConfig(env);
    const projects = await withDatabase(config.DATABASE_URL, (db) => createProjectsRepo(db).listProjects());
    const rows = projects.map((project) => ({
      org: project.organization.slug,
      project: project.slug,
      projectId: project.id,
      platform: project.platform,
      dsn: project.keys[0]
        ? buildDsn(config.PUBLIC_URL, project.keys[0].publicKey, keyDsnProjectId(project.keys[0]))
        : null,
    }));
    if (values.json) {
      out(`${JSON.stringify(rows)}\n`);
      return;
    }
    if (rows.length === 0) {
      out("No projects yet. Create one with: npm run faultline -- create-project --org <slug> --name <name>\n");
      return;
    }
    for (const row of rows)
      out(
        `${row.org}/${row.project}  id=${row.projectId}  platform=${row.platform}\n  DSN: ${row.dsn ?? "(no active key)"}\n`,
      );
  },
};
