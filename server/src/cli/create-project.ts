import { buildDsn } from "@faultline/core";
import { createProjectsRepo } from "@faultline/db";
import { readCliConfig, requireString, withDatabase, type Command } from "./command";

export const createProjectCommand: Command = {
  options: { org: { type: "string" }, name: { type: "string" }, platform: { type: "string" } },
  async run(values, { env, out }) {
    const config = readCliConfig(env);
    const org = requireString(values, "org");
    const name = requireString(values, "name");
    const platform = typeof values.platform === "string" ? values.platform : undefined;
    const created = await withDatabase(config.DATABASE_URL, (db) =>
      createProjectsRepo(db).createProject({ orgSlug: org, name, ...(platform ? { platform } : {}) }),
    );
    const dsn = buildDsn(config.PUBLIC_URL, created.publicKey, created.projectId);
    if (values.json) {
      out(
        `${JSON.stringify({ org: created.organizationSlug, project: created.projectSlug, projectId: created.projectId, dsn })}\n`,
      );
    } else {
      out(
        `Created project ${created.organizationSlug}/${created.projectSlug} (id ${created.projectId}).\nDSN: ${dsn}\n`,
      );
    }
  },
};
