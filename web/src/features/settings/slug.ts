/** The API's slug rule (core's contracts), checked before sending so the form says it at once. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,49}$/;
export const SLUG_RULE = "lowercase letters, digits and dashes, at most 50, starting with a letter or digit";

/** What is wrong with a name and slug pair, or undefined. */
export function nameAndSlugProblem(name: string, slug: string): string | undefined {
  if (name.trim() === "") return "Name: give a name.";
  if (!SLUG_PATTERN.test(slug.trim())) return `Slug: ${SLUG_RULE}.`;
  return undefined;
}
