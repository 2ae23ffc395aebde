import { dashedEventId, generateEventId, normalizeEventId } from "./event-id";

describe("event ids", () => {
  it("accepts undashed and dashed UUIDs in any case", () => {
    expect(normalizeEventId("9ec79c33ec9942ab8353589fcb2e04dc")).toBe("9ec79c33ec9942ab8353589fcb2e04dc");
    expect(normalizeEventId("9EC79C33-EC99-42AB-8353-589FCB2E04DC")).toBe("9ec79c33ec9942ab8353589fcb2e04dc");
  });

  it("rejects what is not a UUID", () => {
    for (const value of ["0123456789abcdef", "", 42, null, "9ec79c33ec9942ab8353589fcb2e04dz"]) {
      expect(normalizeEventId(value)).toBeNull();
    }
  });

  it("generates canonical ids and dashes them for PostgreSQL", () => {
    const id = generateEventId();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(dashedEventId(id).replace(/-/g, "")).toBe(id);
  });
});
