import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, apiFetch, buildUrl, readCookie } from "./client";
import { parseLinkHeader } from "./link-header";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the API client", () => {
  it("builds URLs with repeated keys and no empty values", () => {
    expect(buildUrl("/organizations/acme/issues/", { id: ["1", "2"], query: "is:unresolved", cursor: undefined })).toBe(
      "/api/0/organizations/acme/issues/?id=1&id=2&query=is%3Aunresolved",
    );
  });

  it("reads the CSRF cookie", () => {
    expect(readCookie("fl_csrf", "a=1; fl_csrf=abc%3D; b=2")).toBe("abc=");
    expect(readCookie("fl_csrf", "a=1")).toBeUndefined();
  });

  it("sends the CSRF header on writes and turns {detail} into ApiError", async () => {
    document.cookie = "fl_csrf=token123";
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ detail: "nope" }), { status: 403 }));
    vi.stubGlobal("fetch", fetchMock);
    const failure = await apiFetch("/issues/1/", { method: "PUT", body: { status: "resolved" } }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 403, detail: "nope" });
    const init = (fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(init.headers).toMatchObject({ "X-CSRFToken": "token123", "Content-Type": "application/json" });
    expect(init.credentials).toBe("same-origin");
  });

  it("reads Sentry's Link header cursors, only where results exist", () => {
    const header =
      '<http://x/api/0/?cursor=1:2:1>; rel="previous"; results="false"; cursor="1:2:1", ' +
      '<http://x/api/0/?cursor=5:9:0>; rel="next"; results="true"; cursor="5:9:0"';
    expect(parseLinkHeader(header)).toEqual({ next: "5:9:0" });
    expect(parseLinkHeader(null)).toEqual({});
  });
});
