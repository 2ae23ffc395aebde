import { describe, expect, it } from "vitest";
import { ignoreCondition } from "./ignore-condition";

describe("ignoreCondition", () => {
  it("says what brings an ignored issue back", () => {
    expect(ignoreCondition({ ignoreCount: 100 })).toBe("until 100 more events");
    expect(ignoreCondition({ ignoreCount: 100, ignoreWindow: 60 })).toBe("until 100 events in an hour");
    expect(ignoreCondition({ ignoreUserCount: 1, ignoreUserWindow: 1440 })).toBe("until 1 user in a day");
    expect(ignoreCondition({ ignoreCount: 5, ignoreWindow: 180 })).toBe("until 5 events in 3 hours");
    expect(ignoreCondition({ ignoreUntil: "2026-12-02T10:00:00.000Z", ignoreCount: 10 })).toMatch(
      /^until .+, or until 10 more events$/,
    );
  });

  it("is nothing for an issue ignored forever", () => {
    expect(ignoreCondition({})).toBeNull();
    expect(ignoreCondition({ actor: { id: "1" } })).toBeNull();
  });
});
