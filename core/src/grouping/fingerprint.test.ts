import { errorEvent, eventFrom } from "../__fixtures__/event-factory";
import { computeGrouping } from "./fingerprint";

const hashesOf = (event: Parameters<typeof computeGrouping>[0], fingerprint?: string[]) =>
  computeGrouping(event, fingerprint).hashes;
const sameGroup = (a: string[], b: string[]) => a.some((hash) => b.includes(hash));

const frame = (fn: string, line: string, lineno = 10) => ({
  module: "app.jobs",
  function: fn,
  filename: "app/jobs.py",
  context_line: line,
  lineno,
  in_app: true,
});

describe("exceptions with a stack", () => {
  it("same type from the same line with different messages → same group", () => {
    expect(hashesOf(errorEvent({ value: "card declined for amount 10" }))).toEqual(
      hashesOf(errorEvent({ value: "order 77 exploded" })),
    );
  });

  it("same type thrown from a different place → different group", () => {
    const here = errorEvent({ frames: [frame("run", "    raise KeyError(key)")] });
    const there = errorEvent({ frames: [frame("cleanup", "    raise KeyError(key)")] });
    expect(sameGroup(hashesOf(here), hashesOf(there))).toBe(false);
  });

  it("a different exception type at the same place → different group", () => {
    expect(sameGroup(hashesOf(errorEvent({ type: "KeyError" })), hashesOf(errorEvent({ type: "ValueError" })))).toBe(
      false,
    );
  });

  it("moving the code (line numbers) keeps the group", () => {
    const before = errorEvent({ frames: [frame("run", "    raise X()", 10)] });
    const after = errorEvent({ frames: [frame("run", "    raise X()", 250)] });
    expect(hashesOf(before)).toEqual(hashesOf(after));
  });

  it("library frames differing under the same app frames → same group through the app hash", () => {
    const lib = (line: string) => ({ module: "requests.api", function: "get", context_line: line, in_app: false });
    const a = errorEvent({ frames: [frame("run", "    fetch()"), lib("    return request('get')")] });
    const b = errorEvent({ frames: [frame("run", "    fetch()"), lib("    return request('GET', url)")] });
    expect(a.exception?.values[0]?.stacktrace?.frames).toHaveLength(2);
    expect(sameGroup(hashesOf(a), hashesOf(b))).toBe(true);
    expect(hashesOf(a)).not.toEqual(hashesOf(b));
  });

  it("a stack without in-app frames still groups by the full stack", () => {
    const lib = (fn: string) => ({ module: "django.core", function: fn, in_app: false });
    const a = errorEvent({ frames: [lib("dispatch"), lib("handle")] });
    const b = errorEvent({ frames: [lib("dispatch"), lib("render")] });
    expect(hashesOf(a)).toHaveLength(1);
    expect(sameGroup(hashesOf(a), hashesOf(b))).toBe(false);
  });
});

describe("exceptions without a stack", () => {
  const bare = (type: string, value: string) => eventFrom({ exception: [{ type, value }] });

  it("group by type and value with variable parts normalized", () => {
    expect(hashesOf(bare("Timeout", "gave up after 3000ms on 10.0.0.1"))).toEqual(
      hashesOf(bare("Timeout", "gave up after 5000ms on 10.0.0.7")),
    );
  });

  it("different words in the value → different group", () => {
    expect(hashesOf(bare("Timeout", "read timed out"))).not.toEqual(hashesOf(bare("Timeout", "write timed out")));
  });
});

describe("synthetic exceptions", () => {
  const synthetic = (type: string, value: string, frames?: Record<string, unknown>[]) =>
    eventFrom({
      platform: "python",
      exception: [
        {
          type,
          value,
          mechanism: { type: "signalhandler", synthetic: true },
          ...(frames ? { stacktrace: { frames } } : {}),
        },
      ],
    });

  it("their type never contributes", () => {
    const frames = [frame("main", "    crash()")];
    expect(hashesOf(synthetic("SIGSEGV", "Segfault", frames))).toEqual(
      hashesOf(synthetic("SIGBUS", "Bus error", frames)),
    );
  });

  it("without a stack they group by value only", () => {
    expect(hashesOf(synthetic("SIGSEGV", "Segfault"))).toEqual(hashesOf(synthetic("SIGBUS", "Segfault")));
    expect(hashesOf(synthetic("SIGSEGV", "Segfault"))).not.toEqual(hashesOf(synthetic("SIGSEGV", "Abort")));
  });

  it("a captured message carried by a synthetic exception is titled by the message, apart from errors at the same place", () => {
    const frames = [frame("main", "    report()")];
    const message = eventFrom({
      platform: "python",
      message: "disk full",
      exception: [{ value: "disk full", mechanism: { type: "generic", synthetic: true }, stacktrace: { frames } }],
    });
    expect(message.title).toBe("disk full");
    expect(sameGroup(hashesOf(message), hashesOf(errorEvent({ frames })))).toBe(false);
  });
});

describe("message events", () => {
  it("the logentry template groups whatever the params", () => {
    const a = eventFrom({ logentry: { message: "Order %s failed for user %s", params: ["A-1", "bob"] } });
    const b = eventFrom({ logentry: { message: "Order %s failed for user %s", params: ["B-2", "eve"] } });
    expect(a.message).not.toBe(b.message);
    expect(hashesOf(a)).toEqual(hashesOf(b));
  });

  it("a different template → different group", () => {
    const a = eventFrom({ logentry: { message: "Order %s failed", params: ["A-1"] } });
    const b = eventFrom({ logentry: { message: "Order %s shipped", params: ["A-1"] } });
    expect(hashesOf(a)).not.toEqual(hashesOf(b));
  });

  it("plain messages group after normalizing numbers and ids", () => {
    expect(hashesOf(eventFrom({ message: "disk almost full on node 11" }))).toEqual(
      hashesOf(eventFrom({ message: "disk almost full on node 12" })),
    );
  });

  it("an event with nothing to group by falls back to md5('')", () => {
    expect(hashesOf(eventFrom({}))).toEqual(["d41d8cd98f00b204e9800998ecf8427e"]);
  });
});

describe("custom fingerprints", () => {
  it('["{{ default }}", "x"] splits from the default group but keeps its stack split', () => {
    const plain = errorEvent();
    const hybrid = errorEvent({ extra: { fingerprint: ["{{ default }}", "x"] } });
    const hybridElsewhere = errorEvent({
      frames: [frame("other", "    boom()")],
      extra: { fingerprint: ["{{ default }}", "x"] },
    });
    expect(sameGroup(hashesOf(plain), hashesOf(hybrid))).toBe(false);
    expect(sameGroup(hashesOf(hybrid), hashesOf(hybridElsewhere))).toBe(false);
    expect(hashesOf(hybrid)).toEqual(
      hashesOf(errorEvent({ value: "other message", extra: { fingerprint: ["{{ default }}", "x"] } })),
    );
  });

  it("a fingerprint without {{ default }} ignores the stack and message entirely", () => {
    const a = errorEvent({ extra: { fingerprint: ["payments", "declined"] } });
    const b = eventFrom({ message: "anything", fingerprint: ["payments", "declined"] });
    expect(hashesOf(a)).toEqual(hashesOf(b));
    expect(hashesOf(a)).not.toEqual(
      hashesOf(eventFrom({ message: "anything", fingerprint: ["payments", "refunded"] })),
    );
  });

  it('["{{ default }}"] alone is the default grouping', () => {
    expect(hashesOf(errorEvent({ extra: { fingerprint: ["{{ default }}"] } }))).toEqual(hashesOf(errorEvent()));
  });

  it("resolves variables such as {{ transaction }} and {{ tags.NAME }}", () => {
    const fp = { fingerprint: ["{{ transaction }}", "{{ tags.shard }}"] };
    const a = eventFrom({ message: "a", transaction: "/checkout", tags: { shard: "1" }, ...fp });
    const b = eventFrom({ message: "b", transaction: "/checkout", tags: { shard: "1" }, ...fp });
    const c = eventFrom({ message: "a", transaction: "/checkout", tags: { shard: "2" }, ...fp });
    expect(computeGrouping(a).components).toEqual(["/checkout", "1"]);
    expect(hashesOf(a)).toEqual(hashesOf(b));
    expect(hashesOf(a)).not.toEqual(hashesOf(c));
    expect(computeGrouping(eventFrom({ fingerprint: ["{{ tags.none }}"] })).components).toEqual([
      "<no-value-for-tag-none>",
    ]);
  });
});
