import type { Database } from "@faultline/db";
import { CliError } from "./command";

/** A project named on the command line by id, by `org/slug`, or by slug when that is unique. */
export async function findProject(db: Database, ref: string) {
  if (/^\d+$/.test(ref)) return db.project.findUnique({ where: { id: Number(ref) } });
  const [first, second] = ref.split("/");
  if (second !== undefined) {
    return db.project.findFirst({ where: { slug: second, organization: { slug: first } } });
  }
  const matches = await db.project.findMany({ where: { slug: ref }, take: 2 });
  if (matches.length > 1) throw new CliError(`several organizations have a project "${ref}": use org/slug`);
  return matches[0] ?? null;
}
