import mozilla from "../__fixtures__/csp-mozilla-example.json";
import { blockedHost } from "./csp-message";
import { SecurityReportError, isReportContentType, securityReportEvents } from "./security-report";

describe("securityReportEvents", () => {
  it("turns a CSP report-uri body into a csp event grouped by directive and blocked host", () => {
    const [event] = securityReportEvents(mozilla, { userAgent: "Firefox/120", environment: "prod" });
    expect(event).toMatchObject({
      logger: "csp",
      level: "error",
      message: "Blocked 'style' from 'example.com'",
      culprit: "style-src cdn.example.com",
      fingerprint: ["csp", "style-src", "example.com"],
      environment: "prod",
      request: { url: "http://example.com/signup.html", headers: [["User-Agent", "Firefox/120"]] },
      csp: { effective_directive: "style-src", blocked_uri: "http://example.com/css/style.css" },
    });
  });

  it("maps a Reporting API (report-to) batch, one event per violation", () => {
    const events = securityReportEvents(
      [
        {
          type: "csp-violation",
          url: "https://app.example/page",
          body: {
            documentURL: "https://app.example/page",
            blockedURL: "inline",
            effectiveDirective: "script-src-elem",
            originalPolicy: "script-src 'self'",
            disposition: "enforce",
          },
        },
      ],
      {},
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      message: "Blocked unsafe inline 'script'",
      fingerprint: ["csp", "script-src", "'inline'"],
      culprit: "script-src 'self'",
    });
  });

  it("handles Expect-CT and HPKP reports", () => {
    const [ct] = securityReportEvents({ "expect-ct-report": { hostname: "www.example.com", port: 443 } }, {});
    expect(ct).toMatchObject({
      message: "Expect-CT failed for 'www.example.com:443'",
      fingerprint: ["expectct", "www.example.com"],
    });
    const [hpkp] = securityReportEvents({ hostname: "www.example.com", port: 443, "known-pins": [] }, {});
    expect(hpkp?.fingerprint).toEqual(["hpkp", "www.example.com"]);
  });

  it.each([
    ["a string", "nope"],
    ["an unknown object", { something: 1 }],
    ["a csp-report without a directive", { "csp-report": { "blocked-uri": "x" } }],
    ["an empty batch", []],
    ["a batch of other reports", [{ type: "deprecation", body: {} }]],
  ])("refuses %s", (_label, body) => {
    expect(() => securityReportEvents(body, {})).toThrow(SecurityReportError);
  });
});

describe("blockedHost", () => {
  it.each([
    ["http://evil.example:8080/x.js", "evil.example:8080"],
    ["data:image/png;base64,xx", "data:"],
    ["blob", "blob"],
    ["", "'self'"],
    ["eval", "'eval'"],
  ])("%s → %s", (uri, host) => {
    expect(blockedHost(uri)).toBe(host);
  });
});

describe("isReportContentType", () => {
  it("accepts the report types and refuses others", () => {
    expect(isReportContentType("application/csp-report")).toBe(true);
    expect(isReportContentType("application/reports+json; charset=utf-8")).toBe(true);
    expect(isReportContentType("text/plain")).toBe(false);
    expect(isReportContentType(undefined)).toBe(false);
  });
});
