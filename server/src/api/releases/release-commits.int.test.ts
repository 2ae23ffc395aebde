import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { memberWithToken } from "../../../../test/support/api";
import { useApiServer } from "../../../../test/support/api-server";
import { sentryCli, type SentryCliTarget } from "../../../../test/support/sentry-cli";
import { sentryExample, shapeDifferences } from "../../../../test/support/sentry-shape";

const t = useApiServer();
let repo: string;

beforeEach(() => {
  repo = mkdtempSync(path.join(tmpdir(), "faultline-commits-"));
  git("init", "-q", "-b", "main");
  git("remote", "add", "origin", "https://github.com/acme/shop.git");
});
afterEach(() => {
  rmSync(repo, { recursive: true, force: true });
});

function git(...args: string[]): string {
  return execFileSync("git", args, { cwd: repo, encoding: "utf8", env: { PATH: process.env.PATH, HOME: repo } }).trim();
}

/** A commit by this author at this time; its sha. */
function commit(message: string, author: { name: string; email: string }, when: string): string {
  writeFileSync(path.join(repo, "CHANGES"), `${message}\n`, { flag: "a" });
  git("add", "CHANGES");
  execFileSync("git", ["commit", "-q", "-m", message], {
    cwd: repo,
    env: {
      PATH: process.env.PATH,
      HOME: repo,
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_AUTHOR_DATE: when,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email,
      GIT_COMMITTER_DATE: when,
    },
  });
  return git("rev-parse", "HEAD");
}

async function setUp() {
  const { auth } = await memberWithToken(t.db, "dev@example.com", "acme", "member");
  const target: SentryCliTarget = {
    url: t.server.url,
    token: auth.slice("Bearer ".length),
    org: "acme",
    project: "checkout",
  };
  const get = (url: string) => request(t.server.url).get(url).set("Authorization", auth);
  return { auth, target, get };
}

const alice = { name: "Alice Example", email: "alice@example.com" };
const bob = { name: "Bob Example", email: "bob@example.com" };

describe("release commits from sentry-cli set-commits", () => {
  it("--local: lastCommit, authors and the commits list read back in Sentry's shapes; the next release starts after the previous one", async () => {
    const { target, get } = await setUp();
    const first = commit("Add the cart", alice, "2026-11-01T10:00:00Z");
    const second = commit("Fix the cart total", bob, "2026-11-02T10:00:00Z");
    await sentryCli(target, ["releases", "new", "shop@1.0.0"], repo);
    await sentryCli(target, ["releases", "set-commits", "shop@1.0.0", "--local"], repo);

    const one = await get("/api/0/organizations/acme/releases/shop@1.0.0/");
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      commitCount: 2,
      lastCommit: {
        id: second,
        // As git gives it and sentry-cli sends it.
        message: "Fix the cart total\n",
        dateCreated: "2026-11-02T10:00:00.000Z",
        author: bob,
        releases: [{ version: "shop@1.0.0" }],
      },
      authors: [bob, alice],
    });
    const commits = await get("/api/0/organizations/acme/releases/shop@1.0.0/commits/");
    expect(commits.status).toBe(200);
    expect(commits.body.map((c: { id: string }) => c.id)).toEqual([second, first]);
    expect(commits.body[1]).toMatchObject({
      id: first,
      message: "Add the cart\n",
      dateCreated: "2026-11-01T10:00:00.000Z",
      author: alice,
      pullRequest: null,
    });
    expect(commits.body[1].repository).toMatchObject({ provider: { id: "unknown" } });
    const projectCommits = await get("/api/0/projects/acme/checkout/releases/shop@1.0.0/commits/");
    expect(projectCommits.body).toEqual(commits.body);
    expect(
      await get("/api/0/organizations/acme/releases/shop@1.0.0/previous-with-commits/").then((r) => r.body),
    ).toEqual({});

    // The next release: sentry-cli asks for the previous release with commits and sends only what is new.
    const third = commit("Checkout button", alice, "2026-11-03T10:00:00Z");
    await sentryCli(target, ["releases", "new", "shop@1.1.0"], repo);
    const previous = await get("/api/0/organizations/acme/releases/shop@1.1.0/previous-with-commits/");
    expect(previous.body).toMatchObject({ version: "shop@1.0.0", lastCommit: { id: second } });
    const fromProject = await get("/api/0/projects/acme/checkout/releases/shop@1.1.0/previous-with-commits/");
    expect(fromProject.status).toBe(200);
    expect(fromProject.body).toMatchObject({ version: "shop@1.0.0", lastCommit: { id: second } });
    await sentryCli(target, ["releases", "set-commits", "shop@1.1.0", "--local"], repo);
    const next = await get("/api/0/projects/acme/checkout/releases/shop@1.1.0/");
    expect(next.body).toMatchObject({ commitCount: 1, lastCommit: { id: third, author: alice }, authors: [alice] });
  });

  it("refs alone (no commit list): the ref's commit is the release's last commit, with no author", async () => {
    const { auth, target, get } = await setUp();
    const sha = "0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6";
    await sentryCli(target, ["releases", "new", "shop@2.0.0"], repo);
    // Sentry's documented body for a repository integration (no commit list).
    const put = await request(t.server.url)
      .put("/api/0/organizations/acme/releases/shop@2.0.0/")
      .set("Authorization", auth)
      .send({ refs: [{ repository: "acme/shop", commit: sha }] });
    expect(put.status).toBe(200);
    const res = await get("/api/0/organizations/acme/releases/shop@2.0.0/");
    expect(res.body).toMatchObject({
      commitCount: 1,
      lastCommit: { id: sha, message: null, author: {}, repository: { name: "acme/shop" } },
      authors: [],
    });
  });

  it("versionInfo parses package@version+build as Sentry does", async () => {
    const { target, get } = await setUp();
    const hash = "0f1e2d3c4b5a";
    for (const version of [`shop@2.1.0-rc.1+${hash}`, "backend@0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6", "nightly"])
      await sentryCli(target, ["releases", "new", version], repo);
    const read = async (version: string) =>
      (await get(`/api/0/organizations/acme/releases/${encodeURIComponent(version)}/`)).body.versionInfo;
    expect(await read(`shop@2.1.0-rc.1+${hash}`)).toEqual({
      package: "shop",
      version: {
        raw: `2.1.0-rc.1+${hash}`,
        major: 2,
        minor: 1,
        patch: 0,
        pre: "rc.1",
        buildCode: hash,
        components: 3,
      },
      description: `2.1.0-rc.1 (${hash})`,
      buildHash: hash,
    });
    expect(await read("backend@0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6")).toEqual({
      package: "backend",
      version: { raw: "0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6" },
      description: "0f1e2d3c4b5a",
      buildHash: "0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6",
    });
    expect(await read("nightly")).toEqual({
      package: null,
      version: { raw: "nightly" },
      description: "nightly",
      buildHash: null,
    });
  });

  it("release list items and details have the fields of Sentry's documented examples", async () => {
    const { target, get } = await setUp();
    commit("Add the cart", alice, "2026-11-01T10:00:00Z");
    await sentryCli(target, ["releases", "new", "frontend@1.0.0"], repo);
    await sentryCli(target, ["releases", "set-commits", "frontend@1.0.0", "--local"], repo);
    await sentryCli(target, ["deploys", "new", "--release", "frontend@1.0.0", "-e", "production"], repo);
    const list = await get("/api/0/projects/acme/checkout/releases/");
    expect(list.body).toHaveLength(1);
    expect(shapeDifferences(sentryExample("release.json"), list.body[0])).toEqual([]);
    const detail = await get("/api/0/organizations/acme/releases/frontend@1.0.0/?health=1");
    expect(
      shapeDifferences(sentryExample("release-details.json"), detail.body, {
        // Authors Faultline does not know as users are {name, email}, as in Sentry.
        opaque: ["authors", "lastCommit.author", "projects[].healthData"],
        // No repository integrations: no pull requests, no provider URL or ids.
        nullable: [
          // Null in Sentry too for a version without a build hash, a deploy without a name, a
          // release made by the API rather than an SDK.
          "versionInfo.buildHash",
          "lastDeploy.name",
          "userAgent",
          "lastCommit.pullRequest",
          "lastCommit.repository.url",
          "lastCommit.repository.integrationId",
          "lastCommit.repository.externalSlug",
          "lastCommit.repository.externalId",
        ],
        // Release adoption needs session data per release Faultline does not stage.
        absent: ["adoptionStages"],
      }),
    ).toEqual([]);
  });

  it("another organization's release commits are 404", async () => {
    const { target } = await setUp();
    commit("Add the cart", alice, "2026-11-01T10:00:00Z");
    await sentryCli(target, ["releases", "new", "shop@1.0.0"], repo);
    await sentryCli(target, ["releases", "set-commits", "shop@1.0.0", "--local"], repo);
    const rival = await memberWithToken(t.db, "rival@example.com", "rival", "owner");
    for (const url of [
      "/api/0/organizations/acme/releases/shop@1.0.0/commits/",
      "/api/0/organizations/acme/releases/shop@1.0.0/previous-with-commits/",
      "/api/0/projects/acme/checkout/releases/shop@1.0.0/commits/",
      "/api/0/projects/acme/checkout/releases/shop@1.0.0/previous-with-commits/",
      "/api/0/organizations/rival/releases/shop@1.0.0/commits/",
    ]) {
      const res = await request(t.server.url).get(url).set("Authorization", rival.auth);
      expect({ url, status: res.status }).toEqual({ url, status: 404 });
    }
  });
});
