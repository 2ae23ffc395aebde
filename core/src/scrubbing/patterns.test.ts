import { SENSITIVE_VALUE, scrubProtectedText, scrubText, type TextOptions } from "./patterns";

const DEFAULTS: TextOptions = { defaults: true, emails: false, ips: false };
const EMAILS: TextOptions = { defaults: false, emails: true, ips: false };

describe("scrubText and scrubProtectedText", () => {
  it.each([
    ["mail bob@example.com now", "mail [Filtered] now"],
    ["<bob.smith+tag@mail.example.co.uk>", "<[Filtered]>"],
    ["two: a@b.com.x@c.com", "two: [Filtered][Filtered]"],
    [".-bob@example.com", ".-[Filtered]"],
    ["no domain: bob@localhost", "no domain: bob@localhost"],
    [`${"x".repeat(100)}@example.com`, "[Filtered]"],
  ])("emails: %p", (input, output) => {
    expect(scrubText(input, EMAILS)).toBe(output);
    expect(scrubProtectedText(input, EMAILS)).toBe(output.replaceAll("[Filtered]", "[email]"));
  });

  it("filters PEM key bodies and keeps their header and footer", () => {
    const key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----";
    const filtered = "-----BEGIN RSA PRIVATE KEY-----[Filtered]-----END RSA PRIVATE KEY-----";
    expect(scrubText(`a ${key} b ${key}`, DEFAULTS)).toBe(`a ${filtered} b ${filtered}`);
    expect(scrubProtectedText(key, DEFAULTS)).toBe(filtered);
  });

  it("filters from the first header to the next footer, and nothing without a footer", () => {
    const header = "-----BEGIN RSA PRIVATE KEY-----";
    const footer = "-----END RSA PRIVATE KEY-----";
    expect(scrubText(`${header}a${header}b${footer}`, DEFAULTS)).toBe(`${header}[Filtered]${footer}`);
    expect(scrubText(`${header}a${header}b`, DEFAULTS)).toBe(`${header}a${header}b`);
    // A header is only looked for after the footer: its dashes are not shared with one.
    expect(scrubText(`${header}a${footer}BEGIN RSA PRIVATE KEY-----b${footer}`, DEFAULTS)).toBe(
      `${header}[Filtered]${footer}BEGIN RSA PRIVATE KEY-----b${footer}`,
    );
  });

  it("filters URL passwords, also when the scheme follows other characters", () => {
    expect(scrubText("dsn postgres://app:hunter2@db/prod", DEFAULTS)).toBe("dsn postgres://app:[Filtered]@db/prod");
    expect(scrubText("x.git+ssh://me:pw@host", DEFAULTS)).toBe("x.git+ssh://me:[Filtered]@host");
    expect(scrubText("10postgres://app:hunter2@db", DEFAULTS)).toBe("10postgres://app:[Filtered]@db");
  });
});

describe("SENSITIVE_VALUE", () => {
  it.each([
    ["token=abc", true],
    ["tokentoken: x", true],
    ["my_token_value = 3", true],
    ["tokens are fine", false],
    ["the token, then x=1", false],
    ["set_extra('password', 'hunter2')", true],
  ])("%p", (value, secret) => {
    expect(SENSITIVE_VALUE.test(value)).toBe(secret);
  });
});
