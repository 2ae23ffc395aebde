import { AuthError, buildDsn, parseAdoptableDsn, type AdoptableDsn } from "@faultline/core";
import { createProjectsRepo, DsnConflictError } from "@faultline/db";
import { announceKeyChanges } from "./announce-key-changes";
import { CliError, readCliConfig, requireString, withDatabase, type Command } from "./command";

/** Exit code of a refused adoption: the DSN's key or project id is already another project's. */
export const CONFLICT_EXIT_CODE = 4;

export const createProjectCommand: Command = {
  options: {
    org: { type: "string" },
    name: { type: "string" },
    platform: { type: "string" },
    dsn: { type: "string" },
  },
  async run(values, { env, out }) {
    const config = readCliConfig(env);
    const org = requireString(values, "org");
    const name = requireString(values, "name");
    const platform = typeof values.platform === "string" ? values.platform : undefined;
    const adopted = typeof values.dsn === "string" ? readDsn(values.dsn) : undefined;
    const created = await withDatabase(config.DATABASE_URL, (db) =>
      createProjectsRepo(db).createProject({
        orgSlug: org,
        name,
        ...(platform ? { platform } : {}),
        ...(adopted
          ? { adopt: { publicKey: adopted.publicKey, secretKey: adopted.secretKey, dsnProjectId: adopted.projectId } }
          : {}),
      }),
    ).catch((error: unknown) => {
      if (error instanceof DsnConflictError)
        throw new CliError(`Cannot adopt this DSN: ${error.message}. Nothing was created.`, CONFLICT_EXIT_CODE);
      throw error;
    });
    // The key may be cached as unknown by running servers (an SDK already sending with it).
    const warning = adopted ? await announceKeyChanges(config.REDIS_URL, [{ publicKeys: [created.publicKey] }]) : null;
    if (warning) process.stderr.write(`${warning}\n`);
    const dsn = buildDsn(config.PUBLIC_URL, created.publicKey, created.dsnProjectId);
    if (values.json) {
      out(
        `${JSON.stringify({ org: created.organizationSlug, project: created.projectSlug, projectId: created.projectId, dsnProjectId: created.dsnProjectId, dsn })}\n`,
      );
    } else {
      const answersOn =
        created.dsnProjectId === created.projectId ? "" : `, answering on DSN project id ${created.dsnProjectId}`;
      out(
        `Created project ${created.organizationSlug}/${created.projectSlug} (id ${created.projectId}${answersOn}).\nDSN: ${dsn}\n`,
      );
    }
  },
};

function readDsn(raw: string): AdoptableDsn {
  try {
    return parseAdoptableDsn(raw);
  } catch (error) {
    if (error instanceof AuthError) throw new CliError(`--dsn: ${error.message}`, 2);
    throw error;
  }
}
