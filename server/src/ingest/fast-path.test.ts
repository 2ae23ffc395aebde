import { matchEventPost } from "./fast-path";

describe("matchEventPost", () => {
  it.each([
    ["/api/1/envelope/", "", { projectId: "1", endpoint: "envelope", query: "" }],
    [
      "/api/42/store/?sentry_key=abc&sentry_version=7",
      "",
      { projectId: "42", endpoint: "store", query: "sentry_key=abc&sentry_version=7" },
    ],
    ["//api/7/envelope", "", { projectId: "7", endpoint: "envelope", query: "" }],
    ["/tracker/api/3/envelope/", "/tracker", { projectId: "3", endpoint: "envelope", query: "" }],
    ["/api/3/envelope/", "/tracker", { projectId: "3", endpoint: "envelope", query: "" }],
    // sentry.io's project ids, adopted with their DSNs.
    ["/api/4505123456789012/envelope/", "", { projectId: "4505123456789012", endpoint: "envelope", query: "" }],
  ])("takes %s (prefix %j)", (url, prefix, expected) => {
    expect(matchEventPost(url, prefix)).toEqual(expected);
  });

  it.each([
    ["/api/0/organizations/"],
    ["/api/1/security/"],
    ["/api/1/minidump/"],
    ["/api/abc/envelope/"],
    ["/api/1/envelope/extra"],
    ["/API/1/ENVELOPE/"],
    ["/other/api/1/envelope/"],
    ["/api/12345678901234567/envelope/"],
  ])("leaves %s to the Express routers", (url) => {
    expect(matchEventPost(url, "")).toBeNull();
  });
});
