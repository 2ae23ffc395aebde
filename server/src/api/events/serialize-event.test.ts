import type { StoredEventRow } from "@faultline/db";
import { serializeEvent, serializeEventSummary } from "./serialize-event";

/** A stored event as the worker writes it: the SDK's snake_case field names, normalized. */
function row(data: Record<string, unknown>, tags: [string, string][] = []): StoredEventRow {
  return {
    id: 1n,
    project_id: 3,
    issue_id: 7n,
    event_id: "9fac2cee-d934-4f2b-bfdd-1fdacb0ed9b1",
    timestamp: new Date("2026-11-20T10:00:00.000Z"),
    received_at: new Date("2026-11-20T10:00:01.000Z"),
    level: "error",
    platform: "javascript",
    release: null,
    environment: null,
    message: "",
    title: "TypeError: boom",
    tags,
    data: { type: "error", ...data },
  };
}

const exceptionOf = (event: ReturnType<typeof serializeEvent>) => {
  const entry = event.entries.find((item) => item.type === "exception");
  if (entry?.type !== "exception") throw new Error("no exception entry");
  return entry.data;
};

describe("frames in Sentry's API shape", () => {
  it("renames fields, numbers the source lines and keeps no snake_case key", () => {
    const event = serializeEvent(
      row({
        exception: {
          values: [
            {
              type: "TypeError",
              value: "boom",
              stacktrace: {
                frames: [
                  {
                    filename: "/app/cart.js",
                    abs_path: "https://shop.example/app/cart.js",
                    function: "checkout",
                    lineno: 42,
                    colno: 7,
                    pre_context: ["a", "b"],
                    context_line: "throw x",
                    post_context: ["c"],
                    in_app: true,
                    vars: { cart: "3 items" },
                  },
                ],
              },
            },
          ],
        },
      }),
    );
    const frame = exceptionOf(event).values[0]!.stacktrace!.frames[0]!;
    expect(frame).toEqual({
      filename: "/app/cart.js",
      absPath: "https://shop.example/app/cart.js",
      module: null,
      package: null,
      platform: null,
      instructionAddr: null,
      symbolAddr: null,
      function: "checkout",
      rawFunction: null,
      symbol: null,
      context: [
        [40, "a"],
        [41, "b"],
        [42, "throw x"],
        [43, "c"],
      ],
      lineNo: 42,
      colNo: 7,
      inApp: true,
      trust: null,
      errors: null,
      lock: null,
      sourceLink: null,
      vars: { cart: "3 items" },
    });
    expect(JSON.stringify(event.entries)).not.toMatch(/"(lineno|colno|abs_path|in_app|context_line|pre_context)"/);
  });

  it("has no context without a line number, and a frame without in_app is not in app", () => {
    const event = serializeEvent(
      row({ exception: { values: [{ type: "E", stacktrace: { frames: [{ function: "f", context_line: "x" }] } }] } }),
    );
    expect(exceptionOf(event).values[0]!.stacktrace!.frames[0]).toMatchObject({
      context: [],
      lineNo: null,
      inApp: false,
    });
    expect(exceptionOf(event).hasSystemFrames).toBe(false);
  });

  it("pads native addresses to the longest of the stack trace, as Sentry does", () => {
    const event = serializeEvent(
      row({
        stacktrace: {
          frames: [
            { function: "a", instruction_addr: "0x1a", symbol_addr: 4096 },
            { function: "b", instruction_addr: "0x100000f2" },
          ],
        },
      }),
    );
    const entry = event.entries.find((item) => item.type === "stacktrace");
    if (entry?.type !== "stacktrace") throw new Error("no stacktrace entry");
    expect(entry.data.frames.map((frame) => [frame.instructionAddr, frame.symbolAddr])).toEqual([
      ["0x0000001a", "0x00001000"],
      ["0x100000f2", null],
    ]);
  });

  it("shows the minified frames as rawStacktrace when source maps rewrote them, else null", () => {
    const minified = { frames: [{ abs_path: "https://shop.example/app.min.js", lineno: 1, colno: 4242 }] };
    const original = { frames: [{ filename: "src/cart.ts", lineno: 12, in_app: true }] };
    const mapped = exceptionOf(
      serializeEvent(row({ exception: { values: [{ type: "E", stacktrace: original, raw_stacktrace: minified }] } })),
    );
    expect(mapped.values[0]!.rawStacktrace!.frames[0]).toMatchObject({ colNo: 4242, lineNo: 1 });
    expect(mapped.values[0]!.stacktrace!.frames[0]).toMatchObject({ filename: "src/cart.ts", inApp: true });
    const plain = exceptionOf(serializeEvent(row({ exception: { values: [{ type: "E", stacktrace: original }] } })));
    expect(plain.values[0]!.rawStacktrace).toBeNull();
    expect(plain.hasSystemFrames).toBe(true);
  });
});

describe("the other interfaces", () => {
  const event = serializeEvent(
    row(
      {
        logentry: { formatted: "checkout failed" },
        exception: { values: [{ type: "E", value: "boom", mechanism: { type: "generic", handled: true, data: {} } }] },
        breadcrumbs: {
          values: [
            { timestamp: 1795314892.5, category: "ui.click", message: "pay" },
            { timestamp: "2026-11-20T09:59:59Z", type: "http", level: "warning", data: { status_code: 500 } },
          ],
        },
        request: {
          url: "https://shop.example/cart",
          method: "POST",
          query_string: [["coupon", "SPRING"]],
          headers: [["Content-Type", "application/json; charset=utf-8"]],
          data: { items: 3 },
        },
        contexts: { os: { name: "Linux", version: null }, cart: { items: 3 }, node: { type: "runtime", name: "node" } },
        debug_meta: { images: [{ type: "sourcemap", code_file: "app.min.js", debug_id: "abc" }] },
        errors: [
          { type: "js_no_source", url: "https://shop.example/app.min.js" },
          { type: "value_too_long", name: "breadcrumbs.values.0.message" },
        ],
        _meta: { request: { query_string: { "0": { "1": { "": { len: 900 } } } } } },
        sdk: { name: "sentry.javascript.node", version: "11.12.0", integrations: ["Http"] },
      },
      [
        ["user", "id:u 1"],
        ["browser", "Chrome 120"],
      ],
    ),
  );

  it("lists entries in Sentry's display order: message, exception, breadcrumbs, request, debugmeta", () => {
    expect(event.entries.map((entry) => entry.type)).toEqual([
      "message",
      "exception",
      "breadcrumbs",
      "request",
      "debugmeta",
    ]);
    expect(event.entries[0]!.data).toEqual({ formatted: "checkout failed" });
  });

  it("gives breadcrumbs ISO times and Sentry's defaults", () => {
    const entry = event.entries.find((item) => item.type === "breadcrumbs");
    if (entry?.type !== "breadcrumbs") throw new Error("no breadcrumbs");
    expect(entry.data.values).toEqual([
      {
        type: "default",
        timestamp: "2026-11-22T02:34:52.500Z",
        level: "info",
        message: "pay",
        category: "ui.click",
        data: null,
        event_id: null,
      },
      {
        type: "http",
        timestamp: "2026-11-20T09:59:59.000Z",
        level: "warning",
        message: null,
        category: null,
        data: { status_code: 500 },
        event_id: null,
      },
    ]);
  });

  it("answers the request with query pairs, cookies and the inferred content type", () => {
    const entry = event.entries.find((item) => item.type === "request");
    if (entry?.type !== "request") throw new Error("no request");
    expect(entry.data).toEqual({
      method: "POST",
      url: "https://shop.example/cart",
      query: [["coupon", "SPRING"]],
      fragment: null,
      data: { items: 3 },
      headers: [["Content-Type", "application/json; charset=utf-8"]],
      cookies: [],
      env: null,
      inferredContentType: "application/json",
      apiTarget: null,
    });
  });

  it("types every context, drops null fields, and keeps mechanism minus its empty data", () => {
    expect(event.contexts).toEqual({
      os: { name: "Linux", type: "os" },
      cart: { items: 3, type: "default" },
      node: { type: "runtime", name: "node" },
    });
    expect(exceptionOf(event).values[0]!.mechanism).toEqual({ type: "generic", handled: true });
  });

  it("has debug meta, errors as {type, message, data} without routine trims, and _meta per entry", () => {
    expect(event.entries.at(-1)).toEqual({
      type: "debugmeta",
      data: {
        images: [{ type: "sourcemap", code_file: "app.min.js", debug_id: "abc" }],
        sdk_info: null,
        is_debug_build: null,
      },
    });
    expect(event.errors).toEqual([
      { type: "js_no_source", message: "Source code was not found", data: { url: "https://shop.example/app.min.js" } },
    ]);
    expect(event._meta.entries).toEqual({ "3": { data: { query: { "0": { "1": { "": { len: 900 } } } } } } });
  });

  it("sorts tags by key, gives the user tag its search, and trims sdk to name and version", () => {
    expect(event.tags).toEqual([
      { key: "browser", value: "Chrome 120" },
      { key: "user", value: "id:u 1", query: 'user.id:"u 1"' },
    ]);
    expect(event.sdk).toEqual({ name: "sentry.javascript.node", version: "11.12.0" });
    expect(serializeEventSummary(row({})).tags).toEqual([]);
  });
});
