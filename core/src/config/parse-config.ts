import type { z } from "zod";

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/**
 * Validates the environment against a process's schema. Every problem is reported at once,
 * each line naming the variable, so a bad deployment fails with a message an operator can act on.
 */
export function parseConfig<Schema extends z.ZodType>(
  schema: Schema,
  env: Record<string, string | undefined>,
): z.infer<Schema> {
  // Empty strings mean "not set", as in most .env files.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join(".") || "(environment)";
    const problem =
      issue.code === "invalid_type" && issue.input === undefined ? "is required but not set" : issue.message;
    return `  ${name}: ${problem}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
}
