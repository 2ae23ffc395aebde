import { createUsersRepo } from "@faultline/db";
import { hashPassword, passwordProblem } from "../auth/password";
import { CliError, readCliConfig, requireString, withDatabase, type Command } from "./command";

export const createUserCommand: Command = {
  options: {
    email: { type: "string" },
    password: { type: "string" },
    name: { type: "string" },
    superuser: { type: "boolean" },
  },
  async run(values, { env, out }) {
    const config = readCliConfig(env);
    const email = requireString(values, "email").toLowerCase();
    const password = typeof values.password === "string" ? values.password : "";
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new CliError("--email must be an email address", 2);
    const problem = passwordProblem(password);
    if (problem) throw new CliError(`--password ${problem}`, 2);
    const user = await withDatabase(config.DATABASE_URL, async (db) => {
      const users = createUsersRepo(db);
      if (await users.findByEmail(email)) throw new CliError(`a user with email ${email} already exists`);
      return users.createUser({
        email,
        name: typeof values.name === "string" ? values.name : "",
        passwordHash: await hashPassword(password),
        isSuperuser: Boolean(values.superuser),
      });
    });
    if (values.json) out(`${JSON.stringify({ id: user.id, email: user.email, isSuperuser: user.isSuperuser })}\n`);
    else out(`Created ${user.isSuperuser ? "superuser" : "user"} ${user.email} (id ${user.id}).\n`);
  },
};
