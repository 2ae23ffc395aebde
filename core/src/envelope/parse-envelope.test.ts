import { EnvelopeError, parseEnvelope } from "./parse-envelope";

const env = (text: string) => parseEnvelope(Buffer.from(text, "utf8"));

describe("parseEnvelope", () => {
  it("reads items delimited by length, even when the payload contains newlines", () => {
    const payload = '{"a":\n1}';
    const parsed = env(
      `{"event_id":"9ec79c33ec9942ab8353589fcb2e04dc"}\n{"type":"attachment","length":${Buffer.byteLength(payload)}}\n${payload}\n{"type":"event"}\n{"message":"x"}\n`,
    );
    expect(parsed.headers.event_id).toBe("9ec79c33ec9942ab8353589fcb2e04dc");
    expect(parsed.items.map((item) => item.headers.type)).toEqual(["attachment", "event"]);
    expect(parsed.items[0]?.payload.toString()).toBe(payload);
    expect(parsed.items[1]?.payload.toString()).toBe('{"message":"x"}');
  });

  it("reads items without length up to the next newline or the end of the body", () => {
    const parsed = env('{}\n{"type":"event"}\n{"message":"no trailing newline"}');
    expect(parsed.items).toHaveLength(1);
    expect(parsed.items[0]?.payload.toString()).toBe('{"message":"no trailing newline"}');
  });

  it("counts length in bytes, not characters", () => {
    const payload = '{"m":"héllo ✓"}';
    const parsed = env(
      `{}\n{"type":"event","length":${Buffer.byteLength(payload)}}\n${payload}\n{"type":"session"}\n{}`,
    );
    expect(parsed.items[0]?.payload.toString()).toBe(payload);
    expect(parsed.items[1]?.headers.type).toBe("session");
  });

  it("refuses bytes right after a length-delimited payload (Relay: malformed)", () => {
    expect(() => env('{}\n{"type":"event","length":2}\n{}{"type":"session"}\n{}')).toThrow(/longer than its "length"/);
  });

  it("accepts empty items, with length 0 and without length", () => {
    const parsed = env('{}\n{"type":"attachment","length":0}\n\n{"type":"event"}\n\n');
    expect(parsed.items).toHaveLength(2);
    expect(parsed.items[0]?.payload.length).toBe(0);
    expect(parsed.items[1]?.payload.length).toBe(0);
  });

  it("tolerates trailing newlines and CRLF line ends", () => {
    const parsed = env('{}\r\n{"type":"event"}\r\n{"message":"x"}\r\n\r\n\n');
    expect(parsed.items).toHaveLength(1);
    expect(parsed.items[0]?.payload.toString()).toBe('{"message":"x"}');
  });

  it("accepts an envelope with a header and no items", () => {
    expect(env("{}\n").items).toEqual([]);
    expect(env("{}").items).toEqual([]);
  });

  it.each([
    ["an empty body", "", /empty envelope/],
    ["a header that is not JSON", "nope\n", /envelope header is not valid JSON/],
    ["a header that is an array", "[1]\n", /must be a JSON object/],
    ["an item header without type", '{}\n{"length":2}\n{}', /has no "type"/],
    ["a length past the end", '{}\n{"type":"event","length":50}\n{}', /only 2 bytes remain/],
    ["a negative length", '{}\n{"type":"event","length":-1}\n{}', /non-negative integer/],
    ["a fractional length", '{}\n{"type":"event","length":1.5}\n{}', /non-negative integer/],
  ])("rejects %s", (_label, body, message) => {
    expect(() => env(body)).toThrow(EnvelopeError);
    expect(() => env(body)).toThrow(message);
  });
});
