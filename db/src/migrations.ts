import { readdirSync } from "node:fs";
import path from "node:path";
import type { Database } from "./client";

/** prisma/migrations in the repository (or image) this code runs from. */
export const MIGRATIONS_DIR = path.resolve(__dirname, "../../prisma/migrations");

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Recorded as started but not finished: a failed migration an operator must look at. */
  failed: string[];
}

export function migrationNames(dir = MIGRATIONS_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Compares the migrations shipped with this version to those the database has recorded. */
export async function migrationStatus(db: Database, dir = MIGRATIONS_DIR): Promise<MigrationStatus> {
  const shipped = migrationNames(dir);
  let rows: { migration_name: string; finished: boolean; rolled_back: boolean }[] = [];
  try {
    rows = await db.$queryRaw`
      SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back
      FROM _prisma_migrations`;
  } catch (error) {
    // A database that was never migrated has no _prisma_migrations table yet.
    if (!String(error).includes("_prisma_migrations")) throw error;
  }
  const applied = rows.filter((row) => row.finished && !row.rolled_back).map((row) => row.migration_name);
  const failed = rows.filter((row) => !row.finished && !row.rolled_back).map((row) => row.migration_name);
  return { applied, pending: shipped.filter((name) => !applied.includes(name)), failed };
}
