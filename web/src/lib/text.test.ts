import { describe, expect, it } from "vitest";
import { displayIp, formatBytes, plural } from "./text";

describe("plural", () => {
  it("uses the singular for exactly one", () => {
    expect(plural(1, "session")).toBe("1 session");
    expect(plural(0, "session")).toBe("0 sessions");
    expect(plural(1204, "session")).toBe("1,204 sessions");
    expect(plural(2, "delivery", "deliveries")).toBe("2 deliveries");
  });
});

describe("formatBytes", () => {
  it("uses binary units as Sentry does", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(8 * 1024 ** 3)).toBe("8 GiB");
    expect(formatBytes(4_123_456_789)).toBe("3.8 GiB");
  });
});

describe("displayIp", () => {
  it("unwraps IPv4-mapped IPv6 addresses and keeps others", () => {
    expect(displayIp("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(displayIp("::1")).toBe("::1");
    expect(displayIp("2001:db8::1")).toBe("2001:db8::1");
  });
});
