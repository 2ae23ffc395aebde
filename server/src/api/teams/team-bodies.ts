import { z } from "zod";

const slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,49}$/, "lowercase letters, digits and dashes, at most 50");
const name = z.string().trim().min(1).max(200);

/** Sentry's `POST /organizations/{org}/teams/`: a slug, a name, or both. */
export const createTeamBody = z
  .object({ slug: slug.optional(), name: name.optional() })
  .refine((body) => body.slug !== undefined || body.name !== undefined, {
    message: "a team needs a slug or a name",
  })
  .refine((body) => body.slug !== undefined || slugOfName(body.name ?? "") !== "", {
    path: ["name"],
    message: "a name without letters or digits needs a slug",
  });

/** Sentry's `PUT /teams/{org}/{team}/`. */
export const updateTeamBody = z.object({ slug, name }).partial().strict();

/** Sentry's `POST /teams/{org}/{team}/projects/`. */
export const teamProjectBody = z.object({
  name: name,
  slug: slug.optional(),
  platform: z.string().trim().max(64).optional(),
});

/** A team slug from its name, as Sentry makes them: "Mobile Apps" → "mobile-apps". */
export function slugOfName(raw: string): string {
  return raw
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50);
}
