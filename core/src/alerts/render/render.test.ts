import type { Notification } from "../notification";
import { signWebhook, verifyWebhookSignature } from "../sign";
import { topInAppFrames } from "../top-frames";
import { renderEmail } from "./email";
import { renderSms, smsSegments } from "./sms";
import { renderSlack, renderWebhookJson } from "./webhook";

const PUBLIC_URL = "https://errors.example.com";

function notification(overrides: Partial<Notification> = {}): Notification {
  return {
    kind: "alert",
    project: { id: 3, slug: "checkout-api", name: "Checkout API", organization: "acme" },
    rule: { id: 7, name: "New errors to on-call" },
    triggers: ["first_seen"],
    issues: [
      {
        id: "42",
        title: "TypeError: card declined <b>",
        culprit: "chargeCard(src/checkout.js)",
        level: "error",
        status: "unresolved",
        count: 3,
        userCount: 2,
        firstSeen: "2026-11-22T10:00:00.000Z",
        lastSeen: "2026-11-22T11:00:00.000Z",
        permalink: `${PUBLIC_URL}/organizations/acme/issues/42/`,
      },
    ],
    totalIssues: 1,
    event: {
      eventId: "a".repeat(32),
      timestamp: "2026-11-22T11:00:00.000Z",
      level: "error",
      environment: "production",
      release: "shop@2.0.0",
      frames: [
        { function: "chargeCard", filename: "src/checkout.js", lineno: 42, contextLine: "throw new TypeError(msg)" },
      ],
    },
    digestMinutes: null,
    createdAt: "2026-11-22T11:00:01.000Z",
    ...overrides,
  };
}

describe("email", () => {
  it("has a scannable subject and both bodies with the facts and the link", () => {
    const email = renderEmail(notification());
    expect(email.subject).toBe("[acme/checkout-api] New issue · ERROR · TypeError: card declined <b>");
    for (const body of [email.text, email.html]) {
      expect(body).toContain(`${PUBLIC_URL}/organizations/acme/issues/42/`);
      expect(body).toContain("chargeCard");
      expect(body).toContain("production");
      expect(body).toContain("shop@2.0.0");
      expect(body).toContain("2026-11-22T10:00:00.000Z");
    }
    expect(email.html).toContain("TypeError: card declined &lt;b&gt;");
    expect(email.html).not.toContain("<b>");
  });

  it("says how many issues a digest holds, and over what window", () => {
    const issue = notification().issues[0]!;
    const digest = notification({
      kind: "digest",
      issues: [issue, { ...issue, id: "43", permalink: `${PUBLIC_URL}/organizations/acme/issues/43/` }],
      totalIssues: 7,
      digestMinutes: 15,
      event: null,
    });
    const email = renderEmail(digest);
    expect(email.subject).toBe("[acme/checkout-api] 7 issues in Checkout API in the last 15 minutes");
    expect(email.text).toContain("/issues/43/");
    expect(email.text).toContain("…and 5 more.");
  });

  it("marks test messages", () => {
    expect(renderEmail(notification({ kind: "test" })).subject).toMatch(/^\[Test\] /);
  });
});

describe("sms", () => {
  it("fits a long title into two segments and keeps the whole link", () => {
    const long = notification();
    long.issues[0]!.title = "Error: ".padEnd(600, "x");
    const body = renderSms(long, PUBLIC_URL);
    expect(smsSegments(body)).toBeLessThanOrEqual(2);
    expect(body.endsWith(` ${PUBLIC_URL}/organizations/acme/issues/42/`)).toBe(true);
    expect(body.startsWith("ERROR checkout-api: Error: xxx")).toBe(true);
  });

  it("counts UCS-2 messages by their smaller segments", () => {
    const emoji = notification();
    emoji.issues[0]!.title = "Fehler 💥 ".repeat(40);
    const body = renderSms(emoji, PUBLIC_URL);
    expect(smsSegments(body)).toBeLessThanOrEqual(2);
    expect(body).toContain("/issues/42/");
  });

  it("is one segment when short", () => {
    expect(smsSegments(renderSms(notification(), PUBLIC_URL))).toBe(1);
  });
});

describe("webhook bodies", () => {
  it("json carries the issue, the event and the rule", () => {
    expect(renderWebhookJson(notification())).toMatchObject({
      version: 1,
      kind: "alert",
      issue: { id: "42", permalink: `${PUBLIC_URL}/organizations/acme/issues/42/` },
      event: { eventId: "a".repeat(32) },
      rule: { id: 7 },
      triggers: ["first_seen"],
    });
  });
  it("slack has text and an attachment linking the issue", () => {
    expect(renderSlack(notification())).toMatchObject({
      text: expect.stringContaining("New issue"),
      attachments: [{ title_link: `${PUBLIC_URL}/organizations/acme/issues/42/`, color: "#d0342c" }],
    });
  });
  it("slack escapes event text: no mention or link comes from a title", () => {
    const hostile = notification({
      issues: [
        {
          ...(notification().issues[0] as Notification["issues"][number]),
          title: "<!channel> <https://phish.example|Reset> @here",
          culprit: "<@U1> & co",
        },
      ],
    });
    const body = JSON.stringify(renderSlack(hostile));
    expect(body).not.toMatch(/<!channel>|<https:\/\/phish|<@U1>|@here/);
    expect(body).toContain("&lt;!channel&gt; &lt;https://phish.example|Reset&gt; @\u2060here");
    expect(body).toContain("&lt;@\u2060U1&gt; &amp; co");
  });
  it("signatures verify with the secret and fail with another or a changed body", () => {
    const signature = signWebhook("s3cret", "1700000000", '{"a":1}');
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature("s3cret", "1700000000", '{"a":1}', signature)).toBe(true);
    expect(verifyWebhookSignature("other", "1700000000", '{"a":1}', signature)).toBe(false);
    expect(verifyWebhookSignature("s3cret", "1700000001", '{"a":1}', signature)).toBe(false);
    expect(verifyWebhookSignature("s3cret", "1700000000", '{"a":2}', signature)).toBe(false);
  });
});

describe("topInAppFrames", () => {
  it("takes the raised exception's in-app frames, most recent first", () => {
    const data = {
      exception: {
        values: [
          { type: "Cause", stacktrace: { frames: [{ function: "cause", in_app: true }] } },
          {
            type: "TypeError",
            stacktrace: {
              frames: [
                { function: "main", filename: "app.js", in_app: true, lineno: 1 },
                { function: "handle", filename: "node_modules/x.js", in_app: false },
                { function: "charge", filename: "pay.js", in_app: true, lineno: 9, context_line: "  throw e  " },
              ],
            },
          },
        ],
      },
    };
    expect(topInAppFrames(data)).toEqual([
      { function: "charge", filename: "pay.js", lineno: 9, contextLine: "throw e" },
      { function: "main", filename: "app.js", lineno: 1, contextLine: null },
    ]);
    expect(topInAppFrames({})).toEqual([]);
    expect(topInAppFrames(null)).toEqual([]);
  });
});
