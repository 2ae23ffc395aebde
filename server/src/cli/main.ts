import { parseArgs } from "node:util";
import { readEnvironment } from "@faultline/runtime";
import { createProjectCommand } from "./create-project";
import { forgetUserCommand } from "./forget-user";
import { importSentryCommand } from "./import-sentry/import-sentry";
import { failedJobsCommand } from "./failed-jobs";
import { createTokenCommand } from "./create-token";
import { createUserCommand } from "./create-user";
import { listProjectsCommand } from "./list-projects";
import { migrateCommand } from "./migrate";
import { upgradeCommand } from "./upgrade";
import { CliError, type Command } from "./command";

const COMMANDS: Record<string, Command> = {
  migrate: migrateCommand,
  "create-project": createProjectCommand,
  "list-projects": listProjectsCommand,
  "forget-user": forgetUserCommand,
  upgrade: upgradeCommand,
  "failed-jobs": failedJobsCommand,
  "create-user": createUserCommand,
  "create-token": createTokenCommand,
  "import-sentry": importSentryCommand,
};

const USAGE = `Usage: npm run faultline -- <command> [options]

Commands:
  migrate                                              apply database migrations (creates the database if missing)
  upgrade [--check]                                    --check: report pending/failed migrations; without: apply them
  create-project --org <slug> --name <name> [--platform <p>] [--dsn <existing DSN>]
                                                       create a project (and its organization) and print its DSN;
                                                       --dsn: answer on an existing DSN (same key, same project id)
  list-projects                                        list projects with their DSNs
  forget-user --project <id|org/slug> --user <id|email>
                                                       delete a user's events and recount the issues they touched
  failed-jobs [--replay]                               list jobs that failed every attempt; --replay queues them again
  create-user --email <e> --password <p> [--name <n>] [--superuser]
                                                       create a user (a superuser owns every organization)
  create-token --email <e> [--scopes read,write,admin] [--name <n>]
                                                       create an API token for that user (--json: {"token"})
  import-sentry --url <sentry url> --token <token> --org <slug> [--projects a,b] [--dry-run] [--issues-days N]
                                                       import an organization from Sentry (or another Faultline),
                                                       keeping every DSN; --dry-run writes nothing

Options:
  --json    machine-readable output
`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(name && name !== "--help" ? `Unknown command "${name}".\n\n${USAGE}` : USAGE);
    return name && name !== "--help" ? 2 : 0;
  }
  const { values } = parseArgs({
    args: rest,
    options: { json: { type: "boolean", default: false }, ...command.options },
    strict: true,
  });
  try {
    await command.run(values, { env: readEnvironment(), out: (text) => process.stdout.write(text) });
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(exitWhenWritten, (error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  exitWhenWritten(1);
});

/**
 * Exits once everything written has left the process: writes to a pipe are asynchronous, and
 * exiting at once cut `failed-jobs --json` off at the pipe's 64 KiB buffer when the reader was slow.
 * The callback of a last, empty write runs after every earlier write has been handed over.
 */
function exitWhenWritten(code: number): void {
  process.exitCode = code;
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}
