import { config as loadDotenv } from "dotenv";

/**
 * The process environment, with `.env` from the working directory filled in underneath
 * (real environment variables win). Called once by each process entry point.
 */
export function readEnvironment(): Record<string, string | undefined> {
  loadDotenv({ quiet: true });
  return process.env;
}
