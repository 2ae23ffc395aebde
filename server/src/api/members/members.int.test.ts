import request from "supertest";
import { createTestUser, memberWithToken } from "../../../../test/support/api";
import { useApiServer } from "../../../../test/support/api-server";

const api = useApiServer();

async function ownersOf(slug: string) {
  return api.db.organizationMember.findMany({
    where: { organization: { slug }, role: "owner" },
    select: { user: { select: { email: true } } },
  });
}

describe("membership changes of one organization run one at a time", () => {
  it("owners demoting themselves all at once: exactly one stays owner, the others get a clear 400", async () => {
    const owners = await Promise.all(
      Array.from({ length: 6 }, (_, n) => memberWithToken(api.db, `owner${n}@example.com`, "acme", "owner")),
    );
    const rows = await api.db.organizationMember.findMany({ where: { role: "owner", organization: { slug: "acme" } } });
    const answers = await Promise.all(
      owners.map(({ user, auth }) =>
        request(api.server.url)
          .put(`/api/0/organizations/acme/members/${rows.find((row) => row.userId === user.id)?.id}/`)
          .set("Authorization", auth)
          .send({ role: "member" }),
      ),
    );
    expect(answers.filter((res) => res.status === 200)).toHaveLength(5);
    const refused = answers.filter((res) => res.status !== 200);
    expect(refused.map((res) => [res.status, res.body.detail])).toEqual([
      [400, "role: an organization needs at least one owner"],
    ]);
    expect(await ownersOf("acme")).toHaveLength(1);
  });

  it("owners removing each other and themselves at once never leave the organization without an owner", async () => {
    const owners = await Promise.all(
      Array.from({ length: 6 }, (_, n) => memberWithToken(api.db, `owner${n}@example.com`, "acme", "owner")),
    );
    const rows = await api.db.organizationMember.findMany({ where: { role: "owner", organization: { slug: "acme" } } });
    const rowOf = (n: number) => rows.find((row) => row.userId === owners[n % owners.length]?.user.id)?.id;
    // Each owner removes the next one, and demotes itself: 12 changes racing.
    const answers = await Promise.all(
      owners.flatMap(({ auth }, n) => [
        request(api.server.url)
          .delete(`/api/0/organizations/acme/members/${rowOf(n + 1)}/`)
          .set("Authorization", auth),
        request(api.server.url)
          .put(`/api/0/organizations/acme/members/${rowOf(n)}/`)
          .set("Authorization", auth)
          .send({ role: "admin" }),
      ]),
    );
    // Which changes win depends on their order; that an owner remains does not.
    expect((await ownersOf("acme")).length).toBeGreaterThanOrEqual(1);
    const unexpected = answers.filter((res) => ![200, 204, 400, 403, 404].includes(res.status));
    expect(unexpected.map((res) => [res.status, res.body.detail])).toEqual([]);
    for (const res of answers.filter((answer) => answer.status >= 400)) expect(typeof res.body.detail).toBe("string");
    expect(answers.filter((res) => res.status >= 400).length).toBeGreaterThan(0);
  });
});

describe("adding a member invites them, account or not", () => {
  it("a known and an unknown email get the same answer, and neither is a member before accepting", async () => {
    const admin = await memberWithToken(api.db, "admin@example.com", "acme", "admin");
    await createTestUser(api.db, "known@example.com");
    const add = (email: string) =>
      request(api.server.url)
        .post("/api/0/organizations/acme/members/")
        .set("Authorization", admin.auth)
        .send({ email, role: "member" });
    const known = await add("known@example.com");
    const unknown = await add("unknown@example.com");
    expect([known.status, unknown.status]).toEqual([201, 201]);
    expect(Object.keys(known.body).sort()).toEqual(Object.keys(unknown.body).sort());
    expect(known.body).toMatchObject({ email: "known@example.com", pending: true, user: null });
    const emails = (await api.db.organizationMember.findMany({ select: { user: { select: { email: true } } } })).map(
      (row) => row.user.email,
    );
    expect(emails).not.toContain("known@example.com");
    expect(await api.db.user.count({ where: { email: "unknown@example.com" } })).toBe(0);
  });

  it("only owners invite owners, for known and unknown emails alike", async () => {
    const admin = await memberWithToken(api.db, "admin@example.com", "acme", "admin");
    await createTestUser(api.db, "known@example.com");
    for (const email of ["known@example.com", "unknown@example.com"]) {
      const res = await request(api.server.url)
        .post("/api/0/organizations/acme/members/")
        .set("Authorization", admin.auth)
        .send({ email, role: "owner" });
      expect([res.status, res.body.detail]).toEqual([
        403,
        "Only owners can invite owners or change their invitations.",
      ]);
    }
  });
});
