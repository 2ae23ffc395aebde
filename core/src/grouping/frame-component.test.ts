import type { StackFrame } from "../event/types";
import { frameComponent } from "./frame-component";

const crash = { isCrashFrame: true };

describe("frameComponent (sentry-protocol.md §7.3)", () => {
  it("module wins over filename; function and context line follow", () => {
    expect(
      frameComponent(
        { module: "app.views", filename: "views.py", function: "get", context_line: "  x =  1" },
        "python",
        crash,
      ),
    ).toEqual(["app.views", "get", "x = 1"]);
  });

  it("uses the lowercase basename without a module", () => {
    expect(frameComponent({ filename: "C:\\src\\Handler.CS", function: "Run" }, "csharp")).toEqual([
      "handler.cs",
      "Run",
    ]);
  });

  it("never uses a filename that comes from a URL", () => {
    expect(
      frameComponent({ abs_path: "https://x.test/app.js", filename: "/app.js", function: "render" }, "javascript"),
    ).toEqual(["render"]);
  });

  it("never uses line or column numbers", () => {
    const at = (lineno: number): StackFrame => ({ module: "m", function: "f", lineno, colno: lineno });
    expect(frameComponent(at(1), "java")).toEqual(frameComponent(at(99), "java"));
  });

  it("JS: keeps the part after the last dot and ignores anonymous names", () => {
    expect(frameComponent({ function: "Object.loadUser", filename: "/srv/a.js" }, "node")).toEqual([
      "a.js",
      "loadUser",
    ]);
    expect(frameComponent({ function: "<anonymous>", filename: "/srv/a.js" }, "node")).toEqual(["a.js"]);
  });

  it("JS: drops eval, native code and runtime plumbing frames entirely", () => {
    expect(frameComponent({ function: "eval", filename: "/srv/a.js" }, "javascript")).toBeNull();
    expect(frameComponent({ function: "x", abs_path: "[native code]" }, "javascript")).toBeNull();
    expect(
      frameComponent({ function: "processTicksAndRejections", filename: "node:internal/process" }, "node"),
    ).toBeNull();
  });

  it("JS: ignores a module that is just the end of the path", () => {
    expect(frameComponent({ module: "src/a", abs_path: "/srv/src/a", function: "f" }, "node")).toEqual(["a", "f"]);
  });

  it("context lines only count for script platforms and when short", () => {
    expect(frameComponent({ module: "M", function: "f", context_line: "x" }, "java")).toEqual(["M", "f"]);
    expect(frameComponent({ module: "m", function: "f", context_line: "y".repeat(121) }, "python")).toEqual(["m", "f"]);
  });

  it("an anonymous caller frame contributes its line only where the error was raised", () => {
    const caller: StackFrame = { module: "node", function: "?", filename: "/srv/a.mjs", context_line: "charge(10)" };
    expect(frameComponent(caller, "node")).toEqual(["node"]);
    expect(frameComponent(caller, "node", crash)).toEqual(["node", "charge(10)"]);
  });

  it("Java: drops lambda names and generated class suffixes", () => {
    expect(frameComponent({ module: "sun.reflect.GeneratedMethodAccessor123", function: "invoke" }, "java")).toEqual([
      "sun.reflect.GeneratedMethodAccessor",
      "invoke",
    ]);
    expect(frameComponent({ module: "com.a.B", function: "lambda$run$0" }, "java")).toEqual(["com.a.B"]);
    expect(frameComponent({ module: "com.a.B$$Lambda$12/0x1", function: "run" }, "java")).toEqual(["run"]);
  });

  it("Ruby and PHP name clean-ups", () => {
    expect(frameComponent({ filename: "a.rb", function: "block (2 levels) in run" }, "ruby")).toEqual([
      "a.rb",
      "block",
    ]);
    expect(frameComponent({ filename: "a.php", function: "class@anonymous/srv/x.php:3$0::handle" }, "php")).toEqual([
      "a.php",
      "handle",
    ]);
  });

  it("native: trims C++ signatures and skips redacted names", () => {
    expect(frameComponent({ function: "std::vector<int>::at(unsigned long) const" }, "native")).toEqual([
      "std::vector::at",
    ]);
    expect(frameComponent({ function: "<redacted>" }, "cocoa")).toBeNull();
  });
});
