import { migrationStatus } from "@faultline/db";
import { CliError, readCliConfig, withDatabase, type Command } from "./command";
import { migrateCommand } from "./migrate";

/**
 * `upgrade --check` reports what an upgrade would do (pending migrations, failed ones that need
 * an operator); `upgrade` applies the migrations (the same as `migrate`).
 */
export const upgradeCommand: Command = {
  options: { check: { type: "boolean", default: false } },
  async run(values, context) {
    if (!values.check) return migrateCommand.run(values, context);
    const config = readCliConfig(context.env);
    const status = await withDatabase(config.DATABASE_URL, (db) => migrationStatus(db));
    const attention = status.failed.map(
      (name) => `migration ${name} failed part-way: resolve it before upgrading (see docs/operations.md, Upgrades)`,
    );
    if (values.json) {
      context.out(
        `${JSON.stringify({ applied: status.applied.length, pending: status.pending, failed: status.failed, attention })}\n`,
      );
    } else {
      context.out(`${status.applied.length} migrations applied, ${status.pending.length} pending.\n`);
      for (const name of status.pending) context.out(`  pending: ${name}\n`);
      for (const line of attention) context.out(`  attention: ${line}\n`);
      if (status.pending.length === 0 && attention.length === 0) context.out("Up to date.\n");
    }
    if (attention.length > 0) throw new CliError("upgrade needs attention", 3);
  },
};
