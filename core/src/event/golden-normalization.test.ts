import { incomingEvent, incomingEventNames, sdkCaptureEvents, type Sdk } from "../__fixtures__/load-fixtures";
import { normalizeEvent } from "./normalize-event";
import type { EventType, Level } from "./types";

interface Expected {
  title: string;
  culprit: string;
  type: EventType;
  level: Level;
}

const context = { eventId: "0".repeat(32), receivedAt: Date.parse("2026-11-22T03:00:00Z"), clientIp: "198.51.100.1" };

/**
 * Upstream events. Where Sentry rendered the same payload (oss_sentry_events/<name>.json) the
 * title, culprit and type are Sentry's, copied verbatim; the others are ours, checked by hand.
 */
const UPSTREAM: Record<string, Expected> = {
  // No Sentry rendering: a Java exception, culprit "<module> in <function>".
  "android_sdk_envelope.json": {
    title: "Exception: This is a test.",
    culprit: "com.example.androiderrorfactory.MainActivity in onCreate",
    type: "error",
    level: "error",
  },
  "django_fingerprint.json": {
    title: "Exception: something 9",
    culprit: "/fingerprint/",
    type: "error",
    level: "error",
  },
  "django_message_params.json": { title: "Here is a new error", culprit: "/message/Z", type: "default", level: "info" },
  "django_template_error.json": {
    title: "NoReverseMatch: Reverse for 'nope' not found. 'nope' is not a valid view function or pattern name.",
    culprit: "/template-error/",
    type: "error",
    level: "error",
  },
  "dotnet_divide_zero.json": {
    title: "System.DivideByZeroException: Attempted to divide by zero.",
    culprit: "myWebApp.Pages.DivideZeroModel in DivideByZero",
    type: "error",
    level: "error",
  },
  "dotnet_error.json": {
    title: "System.NullReferenceException: Object reference not set to an instance of an object.",
    culprit: "myWebApp.Pages.IndexModel in OnGet",
    type: "error",
    level: "error",
  },
  "elixir_error.json": {
    title:
      "UndefinedFunctionError: function FakeModule.fake_function/0 is undefined (module FakeModule is not available)",
    culprit: "FakeModule.fake_function/0",
    type: "error",
    level: "error",
  },
  "incoming.json": {
    title: "ZeroDivisionError: division by zero",
    culprit: "/divide-zero/",
    type: "error",
    level: "error",
  },
  // Sentry shows "errorWithContext(/main.js)": an issue's culprit comes from the first event of
  // the group, which was not this payload (its only frame is globalZoneAwareCallback in
  // polyfills.js). No normalizer can derive Sentry's value from this input.
  "js_error_with_context.json": {
    title: "Error: Error with context",
    culprit: "globalZoneAwareCallback(/polyfills.js)",
    type: "error",
    level: "error",
  },
  "js_event_with_unix_timestamp.json": {
    title: "Error: A Generic Error 9371d7",
    culprit: "viewWrappedDebugError(/vendor.js)",
    type: "error",
    level: "error",
  },
  "php_message_event.json": {
    title: "My raw message with interpreted strings8 like {foo}",
    culprit: "http://localhost:8080/",
    type: "default",
    level: "error",
  },
  "python_logging.json": {
    title: "This is a warning: warning",
    culprit: "/logger-warning/",
    type: "default",
    level: "warning",
  },
  "python_zero_division.json": {
    title: "ZeroDivisionError: division by zero",
    culprit: "/divide-zero/",
    type: "error",
    level: "error",
  },
  "sentry_cli_send_event_no_level.json": {
    title: "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labo...",
    culprit: "",
    type: "default",
    level: "error",
  },
  "small_js_error.json": {
    title: "Error: this is an error",
    culprit: "?(/dist/bundle.js)",
    type: "error",
    level: "error",
  },
  // Sentry shows "?(src/index)": the module of the source-mapped frame. Without the source map
  // (symbolication runs later, in the worker) the minified bundle is all there is.
  "small_js_error_source.json": {
    title: "Error: this is an error",
    culprit: "?(/dist/bundle.js)",
    type: "error",
    level: "error",
  },
  "very_small_event.json": { title: "<unlabeled event>", culprit: "", type: "default", level: "error" },
};

const BROWSER_URL = "http://127.0.0.1:37739/";
const RAVEN_URL = "http://127.0.0.1:43847/";
const MESSAGE = "disk almost full on node 11";

/** Every event of each SDK capture, in the order sent. */
const SDK_CAPTURES: Record<Sdk, Expected[]> = {
  node: [
    {
      title: "SyntaxError: Expected property name or '}' in JSON at position 1",
      culprit: "parseConfig(node)",
      type: "error",
      level: "error",
    },
    {
      title: "SyntaxError: Unexpected token ',', \"[1,,2]\" is not valid JSON",
      culprit: "parseConfig(node)",
      type: "error",
      level: "error",
    },
    { title: "PaymentDeclined: card declined for amount 10", culprit: "charge(node)", type: "error", level: "error" },
    { title: "PaymentDeclined: card declined for amount 99", culprit: "charge(node)", type: "error", level: "error" },
    // captureMessage: a synthetic exception carries the stack, so no culprit from frames.
    { title: MESSAGE, culprit: "", type: "default", level: "warning" },
  ],
  browser: [
    {
      title: "TypeError: Cannot read properties of undefined (reading 'map')",
      culprit: "renderCart(/app.js)",
      type: "error",
      level: "error",
    },
    {
      title: "TypeError: Cannot read properties of null (reading 'map')",
      culprit: "renderCart(/app.js)",
      type: "error",
      level: "error",
    },
    { title: MESSAGE, culprit: BROWSER_URL, type: "default", level: "warning" },
    { title: "RangeError: page index out of range", culprit: "?(/app.js)", type: "error", level: "error" },
    { title: "Error: checkout request failed", culprit: "?(/app.js)", type: "error", level: "error" },
  ],
  "raven-js": [
    // raven-js sends its own culprit (the script URL); Sentry keeps a client culprit.
    {
      title: "TypeError: Cannot read properties of undefined (reading 'map')",
      culprit: "http://127.0.0.1:43847/app.js",
      type: "error",
      level: "error",
    },
    { title: MESSAGE, culprit: RAVEN_URL, type: "default", level: "warning" },
  ],
  python: [
    {
      title: "JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
      culprit: "__main__ in parse_config",
      type: "error",
      level: "error",
    },
    {
      title: "JSONDecodeError: Expecting value: line 1 column 4 (char 3)",
      culprit: "__main__ in parse_config",
      type: "error",
      level: "error",
    },
    {
      title: "PaymentDeclined: card declined for amount 10",
      culprit: "__main__ in charge",
      type: "error",
      level: "error",
    },
    {
      title: "PaymentDeclined: card declined for amount 99",
      culprit: "__main__ in charge",
      type: "error",
      level: "error",
    },
    { title: MESSAGE, culprit: "", type: "default", level: "warning" },
  ],
};

function headline(raw: Record<string, unknown>): Expected {
  const { title, culprit, type, level } = normalizeEvent(raw, context);
  return { title, culprit, type, level };
}

describe("golden normalization: upstream incoming events", () => {
  it("has an expectation for every fixture", () => {
    expect(Object.keys(UPSTREAM).sort()).toEqual(incomingEventNames());
  });

  it.each(Object.entries(UPSTREAM))("%s", (name, expected) => {
    expect(headline(incomingEvent(name))).toEqual(expected);
  });
});

describe("golden normalization: SDK captures", () => {
  it.each(Object.keys(SDK_CAPTURES) as Sdk[])("%s", (sdk) => {
    expect(sdkCaptureEvents(sdk).map(headline)).toEqual(SDK_CAPTURES[sdk]);
  });
});
