import request from "supertest";
import { memberWithToken } from "../../../../test/support/api";
import { useApiServer } from "../../../../test/support/api-server";

const t = useApiServer();
const SEARCHES = "/api/0/organizations/acme/searches/";
const PINNED = "/api/0/organizations/acme/pinned-searches/";
const call = (method: "get" | "post" | "put" | "delete", path: string, auth: string, body?: object) => {
  const req = request(t.server.url)[method](path).set("Authorization", auth);
  return body ? req.send(body) : req;
};
const names = (body: { name: string }[]) => body.map((search) => search.name);

describe("saved searches", () => {
  it("keeps each user's own searches to themselves and shows shared ones to everyone", async () => {
    const dana = await memberWithToken(t.db, "dana@example.com", "acme", "member");
    const sam = await memberWithToken(t.db, "sam@example.com", "acme", "member");
    const admin = await memberWithToken(t.db, "admin@example.com", "acme", "admin");

    const mine = await call("post", SEARCHES, dana.auth, {
      type: 0,
      name: "Checkout errors",
      query: "is:unresolved level:error",
      sort: "freq",
      visibility: "owner",
    });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({
      type: 0,
      name: "Checkout errors",
      query: "is:unresolved level:error",
      sort: "freq",
      visibility: "owner",
      isPinned: false,
    });
    expect(mine.body.id).toMatch(/^\d+$/);

    // A member may not share a search with the organization; an admin may.
    const refused = await call("post", SEARCHES, dana.auth, {
      name: "Team",
      query: "is:unresolved",
      visibility: "organization",
    });
    expect(refused.status).toBe(403);
    const shared = await call("post", SEARCHES, admin.auth, {
      name: "Fatal in prod",
      query: "level:fatal environment:production",
      visibility: "organization",
    });
    expect(shared.status).toBe(201);
    expect(shared.body).toMatchObject({ visibility: "organization", sort: "date" });

    expect(names((await call("get", SEARCHES, dana.auth)).body)).toEqual(["Checkout errors", "Fatal in prod"]);
    const twice = await call("post", SEARCHES, dana.auth, { name: "Fatal in prod", query: "level:fatal" });
    expect(twice.status).toBe(400);
    expect(twice.body.detail).toBe('name: "Fatal in prod" is already in use');
    // Sam's own search may share a name with Dana's: neither sees the other's.
    expect((await call("post", SEARCHES, sam.auth, { name: "Checkout errors", query: "x" })).status).toBe(201);
    expect(
      (
        await call(
          "delete",
          `${SEARCHES}${(await call("get", SEARCHES, sam.auth)).body.find((s: { name: string }) => s.name === "Checkout errors").id}/`,
          sam.auth,
        )
      ).status,
    ).toBe(204);
    expect(names((await call("get", SEARCHES, sam.auth)).body)).toEqual(["Fatal in prod"]);

    // Someone else's own search is not there for Sam; the shared one is the admins' to change.
    expect((await call("put", `${SEARCHES}${mine.body.id}/`, sam.auth, { name: "Mine now" })).status).toBe(404);
    expect((await call("delete", `${SEARCHES}${mine.body.id}/`, sam.auth)).status).toBe(404);
    expect((await call("delete", `${SEARCHES}${shared.body.id}/`, sam.auth)).status).toBe(403);
    expect((await call("put", `${SEARCHES}${mine.body.id}/`, dana.auth, { visibility: "organization" })).status).toBe(
      403,
    );

    const renamed = await call("put", `${SEARCHES}${mine.body.id}/`, dana.auth, { name: "Card errors" });
    expect(renamed.body).toMatchObject({
      name: "Card errors",
      query: "is:unresolved level:error",
      visibility: "owner",
    });
    const edited = await call("put", `${SEARCHES}${shared.body.id}/`, admin.auth, { query: "level:fatal" });
    expect(edited.body).toMatchObject({ name: "Fatal in prod", query: "level:fatal", visibility: "organization" });
    expect((await call("delete", `${SEARCHES}${mine.body.id}/`, dana.auth)).status).toBe(204);
    expect(names((await call("get", SEARCHES, dana.auth)).body)).toEqual(["Fatal in prod"]);

    const audited = await t.db.auditLogEntry.findMany({
      where: { event: { startsWith: "savedsearch." } },
      orderBy: { id: "asc" },
    });
    expect(audited.map((entry) => entry.event)).toEqual(["savedsearch.add", "savedsearch.edit"]);

    // Another organization's searches and ids answer 404.
    expect((await call("get", "/api/0/organizations/rival/searches/", dana.auth)).status).toBe(404);
    expect((await call("post", SEARCHES, dana.auth, { name: "", query: "x" })).status).toBe(400);
  });

  it("pins one default search per user, replaced by the next pin and removed by unpin", async () => {
    const dana = await memberWithToken(t.db, "dana@example.com", "acme", "member");
    const sam = await memberWithToken(t.db, "sam@example.com", "acme", "viewer");
    const first = await call("put", PINNED, dana.auth, { type: 0, query: "is:unresolved assigned:me", sort: "date" });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      visibility: "owner_pinned",
      query: "is:unresolved assigned:me",
      isPinned: true,
    });
    const second = await call("put", PINNED, dana.auth, { type: 0, query: "is:unresolved level:fatal", sort: "freq" });
    expect(second.status).toBe(200);
    const pinned = (await call("get", SEARCHES, dana.auth)).body.filter(
      (search: { visibility: string }) => search.visibility === "owner_pinned",
    );
    expect(pinned).toEqual([
      expect.objectContaining({ query: "is:unresolved level:fatal", sort: "freq", isPinned: true }),
    ]);
    // A viewer pins their own; Dana's pin is not theirs.
    expect((await call("put", PINNED, sam.auth, { type: 0, query: "is:ignored", sort: "date" })).status).toBe(200);
    expect((await call("get", SEARCHES, sam.auth)).body).toEqual([
      expect.objectContaining({ query: "is:ignored", visibility: "owner_pinned" }),
    ]);

    expect((await call("delete", PINNED, dana.auth, { type: 0 })).status).toBe(204);
    expect((await call("get", SEARCHES, dana.auth)).body).toEqual([]);
    expect((await call("get", SEARCHES, sam.auth)).body).toHaveLength(1);
  });
});
