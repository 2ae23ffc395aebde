import { apiScope } from "@faultline/core";
import { createUsersRepo } from "@faultline/db";
import { createTokensService } from "../api/tokens/tokens.service";
import { CliError, readCliConfig, requireString, withDatabase, type Command } from "./command";

export const createTokenCommand: Command = {
  options: { email: { type: "string" }, scopes: { type: "string" }, name: { type: "string" } },
  async run(values, { env, out }) {
    const config = readCliConfig(env);
    const email = requireString(values, "email");
    const raw = typeof values.scopes === "string" ? values.scopes : "read,write";
    const scopes = raw.split(",").map((scope) => scope.trim());
    const parsed = scopes.map((scope) => apiScope.safeParse(scope));
    if (scopes.length === 0 || parsed.some((result) => !result.success))
      throw new CliError("--scopes is a comma-separated list of read, write, admin", 2);
    const created = await withDatabase(config.DATABASE_URL, async (db) => {
      const user = await createUsersRepo(db).findByEmail(email);
      if (!user) throw new CliError(`no user with email ${email}; create one with create-user`);
      const name = typeof values.name === "string" ? values.name : "command line";
      return createTokensService(db).create(
        user.id,
        name,
        parsed.map((result) => result.data!),
      );
    });
    if (values.json) out(`${JSON.stringify({ token: created.token, scopes: created.scopes })}\n`);
    else out(`Token (shown once; scopes ${created.scopes.join(",")}):\n${created.token}\n`);
  },
};
