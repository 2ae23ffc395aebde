import { fixtureJson } from "../__fixtures__/load-fixtures";
import { formatTemplate } from "./message";
import { normalizeEvent } from "./normalize-event";
import { parseTimestamp } from "./timestamp";

const context = { eventId: "0".repeat(32), receivedAt: Date.parse("2026-11-22T03:00:00Z") };
const normalize = (raw: Record<string, unknown>) => normalizeEvent(raw, context);

describe("timestamps", () => {
  it("reads a zone offset (sentry-go fixtures: the same instant twice)", () => {
    const utc = fixtureJson("sentry-go", "event-utc.json") as { timestamp: string };
    const offset = fixtureJson("sentry-go", "event-offset.json") as { timestamp: string };
    expect(parseTimestamp(offset.timestamp)).toBe(parseTimestamp(utc.timestamp));
    expect(parseTimestamp(utc.timestamp)).toBe(Date.UTC(2009, 10, 10, 23) / 1000);
  });

  it.each([
    ["2011-05-02T17:41:36Z", 1304358096],
    ["2011-05-02T17:41:36", 1304358096],
    ["2011-05-02T17:41:36.000", 1304358096],
    ["2011-05-02T19:41:36+0200", 1304358096],
    ["2011-05-02T17:41:36.123456Z", 1304358096.123456],
    [1304358096.5, 1304358096.5],
    ["1304358096", 1304358096],
  ])("%p", (input, seconds) => {
    expect(parseTimestamp(input)).toBe(seconds);
  });

  it("rejects garbage and replaces future timestamps with the receive time", () => {
    expect(parseTimestamp("yesterday")).toBeUndefined();
    expect(normalize({ timestamp: "2099-01-01T00:00:00Z" }).timestamp).toBe(context.receivedAt / 1000);
  });
});

describe("legacy shapes", () => {
  it("maps sentry.interfaces.* keys", () => {
    const event = normalize({
      "sentry.interfaces.Exception": { values: [{ type: "ValueError", value: "bad" }] },
      "sentry.interfaces.Http": { url: "https://x.test/a?b=1", method: "post" },
      "sentry.interfaces.User": { id: 7 },
      "sentry.interfaces.Message": { message: "ignored %s", params: ["x"] },
    });
    expect(event.title).toBe("ValueError: bad");
    expect(event.request?.method).toBe("POST");
    expect(event.user?.id).toBe("7");
    expect(event.logentry?.formatted).toBe("ignored x");
  });

  it("reads a stacktrace under the legacy key inside an exception", () => {
    const event = normalize({
      platform: "python",
      exception: [{ type: "E", "sentry.interfaces.Stacktrace": { frames: [{ function: "f", module: "m" }] } }],
    });
    expect(event.culprit).toBe("m in f");
  });

  it("splits a typeless 'Type: message' value and drops empty exceptions", () => {
    const event = normalize({ exception: { values: [{}, { value: "TypeError: x is undefined" }] } });
    expect(event.exception?.values).toEqual([{ type: "TypeError", value: "x is undefined" }]);
  });

  it("converts the typeless legacy mechanism", () => {
    const event = normalize({ exception: [{ type: "E", mechanism: { posix_signal: { signal: 11 } } }] });
    expect(event.exception?.values[0]?.mechanism).toEqual({ type: "generic", meta: { signal: { signal: 11 } } });
  });

  it("maps numeric levels and defaults everything else to error, messages included", () => {
    expect(normalize({ level: 30 }).level).toBe("warning");
    expect(normalize({ message: "hi" }).level).toBe("error");
    expect(normalize({ level: "critical" }).level).toBe("fatal");
  });

  it("stores unknown platforms as other", () => {
    expect(normalize({ platform: "myplatform" }).platform).toBe("other");
    expect(normalize({ platform: "Python" }).platform).toBe("python");
  });
});

describe("logentry", () => {
  it("formats positional and named params", () => {
    expect(formatTemplate("Order %s failed for %d", ["A-1", 42])).toBe("Order A-1 failed for 42");
    expect(formatTemplate("Here is a new {foo}", { foo: "error" })).toBe("Here is a new error");
    expect(formatTemplate("%(user)s left", { user: "bob" })).toBe("bob left");
    expect(formatTemplate("100%% of %s", ["x"])).toBe("100% of x");
  });

  it("keeps the template and object params, and prefers an explicit formatted text", () => {
    const event = normalize({ logentry: { message: "a {b}", params: { b: 1 }, formatted: "given" } });
    expect(event.logentry).toEqual({ message: "a {b}", params: { b: 1 }, formatted: "given" });
  });

  it("lets logentry win over a legacy message string, which still fills formatted", () => {
    expect(normalize({ logentry: { params: [] }, message: "plain" }).message).toBe("plain");
    expect(normalize({ logentry: { message: "tpl" }, message: "plain" }).logentry?.message).toBe("tpl");
  });

  it("stringifies non-string legacy messages and ignores false", () => {
    expect(normalize({ message: { unauthorized: true } }).message).toBe("");
    expect(normalize({ message: 42 }).message).toBe("42");
    expect(normalize({ message: false }).logentry).toBeUndefined();
  });
});

describe("tags", () => {
  it("accepts pairs, keeps the first duplicate, coerces values the way Relay does", () => {
    const event = normalize({
      tags: [
        ["a", "1"],
        ["a", "2"],
        ["flag", true],
        ["n", 4.7],
        ["my key", "v"],
      ],
    });
    expect(event.tags.slice(0, 4)).toEqual([
      ["a", "1"],
      ["flag", "True"],
      ["n", "4"],
      ["my-key", "v"],
    ]);
  });

  it("drops reserved and malformed tags and promotes a legacy environment tag", () => {
    const event = normalize({ tags: { release: "x", user: "y", "bad/key": "z", multi: "a\nb", environment: "prod" } });
    expect(event.environment).toBe("prod");
    expect(event.tags).toEqual([
      ["level", "error"],
      ["environment", "prod"],
    ]);
  });
});

describe("frames", () => {
  it("keeps frames oldest first, moves a URL filename into abs_path and shows its path", () => {
    const event = normalize({
      platform: "javascript",
      exception: [
        {
          type: "E",
          stacktrace: {
            frames: [{ function: "outer", filename: "https://x.test/static/app.js" }, { function: "inner" }],
          },
        },
      ],
    });
    const frames = event.exception?.values[0]?.stacktrace?.frames ?? [];
    expect(frames.map((f) => f.function)).toEqual(["outer", "inner"]);
    expect(frames[0]).toMatchObject({ abs_path: "https://x.test/static/app.js", filename: "/static/app.js" });
  });

  it("marks library paths as not in-app only when the SDK said nothing", () => {
    const frames = normalize({
      platform: "node",
      exception: [
        {
          type: "E",
          stacktrace: {
            frames: [
              { filename: "/app/node_modules/x/i.js" },
              { filename: "/app/node_modules/y/i.js", in_app: true },
              { filename: "/app/src/a.js" },
            ],
          },
        },
      ],
    }).exception?.values[0]?.stacktrace?.frames;
    expect(frames?.map((f) => f.in_app)).toEqual([false, true, undefined]);
  });

  it("never counts the Python standard library as in-app (old SDKs said it was)", () => {
    const frames = normalize({
      platform: "python",
      exception: [
        {
          type: "E",
          stacktrace: {
            frames: [
              { abs_path: "/usr/lib/python3.11/json/decoder.py", in_app: true },
              { abs_path: "/srv/app/main.py", in_app: true },
            ],
          },
        },
      ],
    }).exception?.values[0]?.stacktrace?.frames;
    expect(frames?.map((f) => f.in_app)).toEqual([false, true]);
  });
});

describe("request", () => {
  it("moves the query and fragment out of the URL and cases header names like Relay", () => {
    const event = normalize({
      request: {
        url: "https://x.test/a?b=1&c=two%20words#top",
        headers: { "user-agent": "curl/8", "x-forwarded-for": ["1.1.1.1", "2.2.2.2"] },
      },
    });
    expect(event.request).toMatchObject({
      url: "https://x.test/a",
      fragment: "top",
      query_string: [
        ["b", "1"],
        ["c", "two words"],
      ],
      headers: [
        ["User-Agent", "curl/8"],
        ["X-Forwarded-For", "1.1.1.1,2.2.2.2"],
      ],
    });
  });

  it("strips the query and fragment from the URL even when the SDK also sent them apart, keeping the SDK's", () => {
    const event = normalize({
      request: { url: "https://x.test/pay?coupon=A#top", query_string: "coupon=B", fragment: "end" },
    });
    expect(event.request).toMatchObject({
      url: "https://x.test/pay",
      query_string: [["coupon", "B"]],
      fragment: "end",
    });
  });
});

it("keys positional frame variables by index", () => {
  const event = normalize({ exception: [{ type: "E", stacktrace: { frames: [{ function: "f", vars: ["a", 2] }] } }] });
  expect(event.exception?.values[0]?.stacktrace?.frames[0]?.vars).toEqual({ "0": "a", "1": 2 });
});
