import { eventFrom, TEST_CONTEXT } from "../__fixtures__/event-factory";
import { sdkCaptureEvents, type Sdk } from "../__fixtures__/load-fixtures";
import { prepareEvent } from "../pipeline/prepare-event";
import { scrubEvent } from "./scrub-event";
import { DEFAULT_SCRUB_SETTINGS, type ScrubSettings } from "./settings";

const scrub = (raw: Record<string, unknown>, settings: Partial<ScrubSettings> = {}) =>
  scrubEvent(eventFrom(raw), { ...DEFAULT_SCRUB_SETTINGS, ...settings });

describe("default scrubbers, place by place", () => {
  it("extra and contexts, nested values included", () => {
    const event = scrub({
      extra: { password: "p", nested: { api_key: { id: 1 } }, ok: "fine" },
      contexts: { db: { credentials: "c" } },
    });
    expect(event.extra).toEqual({ password: "[Filtered]", nested: { api_key: "[Filtered]" }, ok: "fine" });
    expect(event.contexts?.db).toEqual({ credentials: "[Filtered]" });
  });

  it("request headers, cookies, query string, body and env", () => {
    const event = scrub({
      request: {
        url: "https://shop.test/pay",
        headers: { Authorization: "Basic abc", "X-Request-Id": "r1", "User-Agent": "curl/8" },
        cookies: "sessionid=abc; theme=dark",
        query_string: "token=t1&page=2",
        data: { card_number: "4111111111111111", password: "p" },
        env: { HTTP_AUTHORIZATION: "x", REMOTE_ADDR: "10.0.0.1" },
      },
    });
    expect(event.request).toMatchObject({
      headers: [
        ["Authorization", "[Filtered]"],
        ["X-Request-Id", "r1"],
        ["User-Agent", "curl/8"],
      ],
      cookies: [
        ["sessionid", "[Filtered]"],
        ["theme", "dark"],
      ],
      query_string: [
        ["token", "[Filtered]"],
        ["page", "2"],
      ],
      data: { card_number: "[Filtered]", password: "[Filtered]" },
      env: { HTTP_AUTHORIZATION: "[Filtered]", REMOTE_ADDR: "10.0.0.1" },
    });
  });

  it("a form body sent as text", () => {
    expect(scrub({ request: { data: "user=bob&password=hunter2" } }).request?.data).toBe("[Filtered]");
  });

  it("frame variables", () => {
    const event = scrub({
      platform: "python",
      exception: [{ type: "E", stacktrace: { frames: [{ function: "f", vars: { secret_token: "s", amount: 3 } }] } }],
    });
    expect(event.exception?.values[0]?.stacktrace?.frames[0]?.vars).toEqual({ secret_token: "[Filtered]", amount: 3 });
  });

  it("breadcrumb data and messages", () => {
    const event = scrub({
      breadcrumbs: [
        { category: "http", data: { url: "https://x.test", auth_header: "a" } },
        { category: "log", message: "login with password=hunter2" },
        { category: "log", message: "paid with 4111 1111 1111 1111" },
      ],
    });
    expect(event.breadcrumbs?.values.map((crumb) => crumb.data ?? crumb.message)).toEqual([
      { url: "https://x.test", auth_header: "[Filtered]" },
      "[Filtered]",
      "paid with [Filtered]",
    ]);
  });

  it("exception values get the value patterns only, with readable labels", () => {
    const event = scrub({ exception: [{ type: "Declined", value: "card 4111-1111-1111-1111 for password=x" }] });
    expect(event.exception?.values[0]?.value).toBe("card [creditcard] for password=x");
    expect(event.title).toBe("Declined: card [creditcard] for password=x");
  });

  it("user fields and tags", () => {
    const event = scrub({
      user: { id: "1", password: "p", data: { otp: "123456" } },
      tags: { api_key: "k", env: "prod" },
    });
    expect(event.user).toEqual({ id: "1", password: "[Filtered]", data: { otp: "[Filtered]" } });
    expect(event.tags).toContainEqual(["api_key", "[Filtered]"]);
    expect(event.tags).toContainEqual(["env", "prod"]);
  });

  it("logentry params, and the formatted text built from them", () => {
    const event = scrub({ logentry: { message: "login %s with %(password)s", params: { password: "hunter2" } } });
    expect(event.logentry?.params).toEqual({ password: "[Filtered]" });
    expect(JSON.stringify(event)).not.toContain("hunter2");
    const positional = scrub({ logentry: { message: "sent %s", params: ["Bearer abc.def"] } });
    expect([positional.logentry?.formatted, positional.title]).toEqual([
      "sent Bearer [Filtered]",
      "sent Bearer [Filtered]",
    ]);
  });

  it("leaves code locations and emails in ordinary fields alone", () => {
    const event = scrub({
      user: { email: "alice@example.com" },
      exception: [
        { type: "E", stacktrace: { frames: [{ function: "auth_token_check", abs_path: "/srv/auth/token.py" }] } },
      ],
    });
    expect(event.user?.email).toBe("alice@example.com");
    expect(event.exception?.values[0]?.stacktrace?.frames[0]).toMatchObject({
      function: "auth_token_check",
      abs_path: "/srv/auth/token.py",
    });
  });

  it("masks home directories, URL passwords, SSNs and PEM bodies in text", () => {
    const event = scrub({
      extra: {
        path: "/home/alice/app",
        dsn: "postgres://u:pw@db/x",
        ssn: "123-45-6789",
        key: "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----",
      },
    });
    expect(event.extra).toEqual({
      path: "/home/[Filtered]/app",
      dsn: "postgres://u:[Filtered]@db/x",
      ssn: "[Filtered]",
      key: "-----BEGIN PRIVATE KEY-----[Filtered]-----END PRIVATE KEY-----",
    });
  });
});

describe("project settings", () => {
  const raw = {
    user: { email: "alice@example.com", ip_address: "203.0.113.7" },
    extra: { ssn_code: "x", password: "p", note: "from 10.0.0.1 by bob@example.com" },
  };

  it("sensitiveFields add key names", () => {
    expect(scrub(raw, { sensitiveFields: ["ssn"] }).extra?.ssn_code).toBe("[Filtered]");
    expect(scrub(raw).extra?.ssn_code).toBe("x");
  });

  it("safeFields keep a key or a dotted path", () => {
    expect(scrub(raw, { safeFields: ["password"] }).extra?.password).toBe("p");
    expect(scrub(raw, { safeFields: ["extra.password"] }).extra?.password).toBe("p");
    expect(scrub(raw, { safeFields: ["user.password"] }).extra?.password).toBe("[Filtered]");
  });

  it("scrubIpAddresses removes the user's IP and masks IPs in text", () => {
    const event = scrub(raw, { scrubIpAddresses: true });
    expect(event.user?.ip_address).toBeUndefined();
    expect(event.extra?.note).toBe("from [ip] by bob@example.com");
    expect(event.tags.find(([key]) => key === "user")?.[1] ?? "").not.toContain("203.0.113.7");
  });

  it("scrubEmails masks emails everywhere", () => {
    const event = scrub(raw, { scrubEmails: true });
    expect([event.user?.email, event.extra?.note]).toEqual(["[Filtered]", "from 10.0.0.1 by [Filtered]"]);
  });

  it("useDefaults off keeps Sentry's built-in rules out, custom fields still apply", () => {
    const event = scrub(raw, { useDefaults: false, sensitiveFields: ["note"] });
    expect(event.extra).toEqual({ ssn_code: "x", password: "p", note: "[Filtered]" });
  });

  it("a disabled scrubber changes nothing", () => {
    const event = eventFrom(raw);
    expect(scrubEvent(event, { ...DEFAULT_SCRUB_SETTINGS, enabled: false })).toBe(event);
  });
});

describe("SDK captures never keep the scenario's secrets", () => {
  it.each(["node", "python", "raven-js", "browser"] as Sdk[])("%s", (sdk) => {
    for (const raw of sdkCaptureEvents(sdk)) {
      const stored = JSON.stringify(prepareEvent(raw, TEST_CONTEXT).event);
      expect(stored).not.toContain("hunter2");
      expect(stored).not.toMatch(/4111[ -]?1111[ -]?1111[ -]?1111/);
    }
  });

  it("filters Python's secret_token frame variable", () => {
    const frames = sdkCaptureEvents("python").flatMap(
      (raw) => prepareEvent(raw, TEST_CONTEXT).event.exception?.values.flatMap((e) => e.stacktrace?.frames ?? []) ?? [],
    );
    const tokens = frames.map((frame) => frame.vars?.secret_token).filter((value) => value !== undefined);
    expect(tokens.length).toBeGreaterThan(0);
    expect(new Set(tokens)).toEqual(new Set(["[Filtered]"]));
  });
});

describe("copy on write", () => {
  it("shares what it did not change with its input, and never edits the input", () => {
    const input = eventFrom({
      user: { id: "u1", ip_address: "10.1.2.3" },
      request: { url: "https://shop.test/", env: { REMOTE_ADDR: "10.1.2.3", SERVER_NAME: "web-1" } },
      extra: { untouched: { deep: ["a", "b"] }, password: "hunter2" },
    });
    const before = JSON.stringify(input);
    const output = scrubEvent(input, { ...DEFAULT_SCRUB_SETTINGS, scrubIpAddresses: true });
    expect(JSON.stringify(input)).toBe(before);
    expect(output.user).not.toHaveProperty("ip_address");
    expect(output.request?.env).toEqual({ SERVER_NAME: "web-1" });
    expect(output.extra?.password).toBe("[Filtered]");
    expect(output.extra?.untouched).toBe(input.extra?.untouched);
  });
});
