import request from "supertest";
import { memberWithToken } from "../../../../test/support/api";
import { useApiServer } from "../../../../test/support/api-server";
import { createTestProject } from "../../../../test/support/harness";
import { storeTestEvent } from "../../../../test/support/events";

const t = useApiServer();
const get = (path: string, auth: string, query: Record<string, string | string[]> = {}) =>
  request(t.server.url).get(path).query(query).set("Authorization", auth);

describe("organization tags", () => {
  it("suggests the project's tag keys and values from all its issues, not only the top of a list", async () => {
    // Eight issues, each with its own browser: a list's first five issues would miss some.
    for (let n = 1; n <= 8; n++)
      await storeTestEvent(t.db, t.projectId, { group: `g${n}`, tags: [["browser", `Browser ${n}`]] });
    await storeTestEvent(t.db, t.projectId, {
      group: "g1",
      tags: [
        ["browser", "Browser 1"],
        ["plan", "gold"],
      ],
    });
    const other = await createTestProject(t.db, "Billing", "acme");
    await storeTestEvent(t.db, other.projectId, { group: "b", tags: [["tenant", "blue"]] });
    await storeTestEvent(t.db, t.rivalProjectId, { group: "x", tags: [["secret", "yes"]] });
    const { auth } = await memberWithToken(t.db, "dev@example.com", "acme", "member");

    const keys = await get("/api/0/organizations/acme/tags/", auth, { project: String(t.projectId) });
    expect(keys.status).toBe(200);
    const byKey = new Map((keys.body as { key: string; totalValues: number }[]).map((tag) => [tag.key, tag]));
    expect(byKey.get("browser")).toEqual({ key: "browser", name: "browser", totalValues: 8 });
    expect(byKey.get("plan")).toMatchObject({ totalValues: 1 });
    expect(byKey.has("tenant")).toBe(false);
    expect(byKey.has("secret")).toBe(false);
    const everyProject = await get("/api/0/organizations/acme/tags/", auth);
    expect((everyProject.body as { key: string }[]).map((tag) => tag.key)).toContain("tenant");

    const values = await get("/api/0/organizations/acme/tags/browser/values/", auth, {
      project: String(t.projectId),
    });
    expect(values.status).toBe(200);
    expect(values.body).toHaveLength(8);
    expect(values.body[0]).toMatchObject({ key: "browser", value: "Browser 1", name: "Browser 1", count: 2 });
    const narrowed = await get("/api/0/organizations/acme/tags/browser/values/", auth, {
      project: String(t.projectId),
      query: "browser 7",
    });
    expect((narrowed.body as { value: string }[]).map((value) => value.value)).toEqual(["Browser 7"]);

    expect((await get("/api/0/organizations/rival/tags/", auth)).status).toBe(404);
    expect((await get("/api/0/organizations/acme/tags/", auth, { project: "abc" })).status).toBe(400);
  });
});
