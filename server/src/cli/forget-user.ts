import { forgetUser } from "@faultline/db";
import { CliError, readCliConfig, requireString, withDatabase, type Command } from "./command";
import { findProject } from "./find-project";

export const forgetUserCommand: Command = {
  options: { project: { type: "string" }, user: { type: "string" } },
  async run(values, { env, out }) {
    const config = readCliConfig(env);
    const projectRef = requireString(values, "project");
    const user = requireString(values, "user");
    const result = await withDatabase(config.DATABASE_URL, async (db) => {
      const project = await findProject(db, projectRef);
      if (!project) throw new CliError(`no project "${projectRef}" (use its id, its slug or org/slug)`);
      return forgetUser(db, project.id, user);
    });
    out(
      values.json
        ? `${JSON.stringify(result)}\n`
        : `Deleted ${result.deletedEvents} events; recounted ${result.recountedIssues} issues, deleted ${result.deletedIssues} left empty.\n`,
    );
  },
};
