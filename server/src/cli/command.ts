import { ConfigError, parseConfig } from "@faultline/core";
import { createDatabase, type Database } from "@faultline/db";
import { commonConfigSchema } from "@faultline/runtime";
import type { ParseArgsConfig } from "node:util";
import { z } from "zod";

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandContext {
  env: Record<string, string | undefined>;
  out: (text: string) => void;
}

export interface Command {
  options: NonNullable<ParseArgsConfig["options"]>;
  run(values: OptionValues, context: CommandContext): Promise<void>;
}

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export const cliConfigSchema = commonConfigSchema.extend({
  PORT: z.coerce.number().int().default(8000),
  PUBLIC_URL: z.url().optional(),
});

export function readCliConfig(env: CommandContext["env"]) {
  try {
    const config = parseConfig(cliConfigSchema, env);
    return { ...config, PUBLIC_URL: (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, "") };
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, 78);
    throw error;
  }
}

/** Opens the database for one command and always closes it. */
export async function withDatabase<T>(url: string, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = createDatabase({ url, poolSize: 2 });
  try {
    return await fn(db);
  } finally {
    await db.$disconnect();
  }
}

export function requireString(values: OptionValues, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value.trim() === "") throw new CliError(`--${name} is required`, 2);
  return value.trim();
}
