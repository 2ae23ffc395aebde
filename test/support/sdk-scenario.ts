import type { Database } from "@faultline/db";
import { waitFor } from "./harness";

/**
 * One scenario sent by every SDK major in the compatibility matrix: the same error twice from one
 * line (values differ, so only stack grouping joins them), another error, a message, a user, a
 * tag and a secret in `extra` that must never be stored.
 */
export const SCENARIO = {
  release: "shop@1.0.0",
  userId: "u-42",
  userEmail: "ana@example.com",
  tag: ["plan", "gold"] as const,
  secret: "hunter2",
  message: "checkout finished",
  sameErrorTitle: /^TypeError: card declined for order (17|42)$/,
  otherErrorTitle: "RangeError: index out of range",
};

/**
 * The scenario's body in plain ES5 against a `Sentry`-like object, so the same lines run in a
 * Node script and in a page. `client` names the object; `send` wraps each capture call.
 */
export function scenarioScript(client: string): string {
  return `
${client}.setUser({ id: ${JSON.stringify(SCENARIO.userId)}, email: ${JSON.stringify(SCENARIO.userEmail)} });
${client}.setTag(${JSON.stringify(SCENARIO.tag[0])}, ${JSON.stringify(SCENARIO.tag[1])});
${client}.setExtra("password", ${JSON.stringify(SCENARIO.secret)});
function chargeCard(order) { throw new TypeError("card declined for order " + order); }
[17, 42].forEach(function (order) {
  try { chargeCard(order); } catch (error) { ${client}.captureException(error); }
});
try { throw new RangeError("index out of range"); } catch (error) { ${client}.captureException(error); }
${client}.captureMessage(${JSON.stringify(SCENARIO.message)});
`;
}

export interface StoredScenario {
  tags: Record<string, string>[];
}

/** Waits for the scenario's four events in the project and checks what Sentry would show. */
export async function expectScenarioStored(db: Database, projectId: number): Promise<StoredScenario> {
  await waitFor(
    async () => (await db.event.count({ where: { projectId } })) === 4 || undefined,
    30_000,
    "the scenario's four events",
  );
  const issues = await db.issue.findMany({ where: { projectId }, orderBy: { title: "asc" } });
  expect(issues.map((issue) => issue.title)).toEqual([
    SCENARIO.otherErrorTitle,
    expect.stringMatching(SCENARIO.sameErrorTitle),
    SCENARIO.message,
  ]);
  expect(issues.map((issue) => issue.timesSeen)).toEqual([1, 2, 1]);

  const events = await db.event.findMany({ where: { projectId } });
  const tags: Record<string, string>[] = [];
  for (const event of events) {
    const data = event.data as { user?: Record<string, unknown>; extra?: Record<string, unknown> };
    expect(data.user).toMatchObject({ id: SCENARIO.userId, email: SCENARIO.userEmail });
    // The key arrived (so the secret's absence below is the scrubber's doing), its value did not.
    expect(data.extra).toMatchObject({ password: "[Filtered]" });
    const eventTags = Object.fromEntries(event.tags as [string, string][]);
    expect(eventTags).toMatchObject({ [SCENARIO.tag[0]]: SCENARIO.tag[1], release: SCENARIO.release });
    tags.push(eventTags);
  }
  const stored = JSON.stringify([events, issues], (_key, value: unknown) =>
    typeof value === "bigint" ? value.toString() : value,
  );
  expect(stored).not.toContain(SCENARIO.secret);
  return { tags };
}
