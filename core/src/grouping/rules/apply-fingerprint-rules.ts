import type { NormalizedEvent, StackFrame, Stacktrace } from "../../event/types";
import { compileGlob } from "./glob";
import type { FingerprintRule, Matcher } from "./types";

/** The fingerprint of the first rule whose matchers all match the event, if any. */
export function applyFingerprintRules(event: NormalizedEvent, rules: readonly FingerprintRule[]): string[] | undefined {
  return findMatchingRule(event, rules)?.fingerprint;
}

export function findMatchingRule(
  event: NormalizedEvent,
  rules: readonly FingerprintRule[],
): FingerprintRule | undefined {
  return rules.find((rule) => rule.matchers.every((matcher) => matches(event, matcher) !== matcher.negated));
}

/** True when any of the event's values for the matcher's key fits its glob. */
function matches(event: NormalizedEvent, matcher: Matcher): boolean {
  const { key, pattern } = matcher;
  // Messages and values are prose (case rarely intended); paths compare like file systems do.
  const glob = compileGlob(pattern, {
    ignoreCase: key === "message" || key === "error.value" || key === "stack.abs_path",
    path: key === "stack.abs_path",
  });
  return candidates(event, matcher).some((value) => glob.matches(value));
}

function candidates(event: NormalizedEvent, { key }: Matcher): string[] {
  const exceptions = event.exception?.values ?? [];
  switch (key) {
    case "error.type":
      return defined(exceptions.map((exception) => exception.type));
    case "error.value":
      return defined(exceptions.map((exception) => exception.value));
    case "message":
      // Sentry's `message` looks at the log message and at exception values alike.
      return defined([event.logentry?.formatted, event.logentry?.message, ...exceptions.map((e) => e.value)]);
    case "logger":
      return defined([event.logger]);
    case "level":
      return [event.level];
    case "stack.function":
      return defined(allFrames(event).map((frame) => frame.function));
    case "stack.module":
      return defined(allFrames(event).map((frame) => frame.module));
    case "stack.abs_path":
      return defined(allFrames(event).flatMap((frame) => [frame.abs_path, frame.filename]));
    default: {
      const tag = key.slice("tags.".length);
      return event.tags.filter(([name]) => name === tag).map(([, value]) => value);
    }
  }
}

function allFrames(event: NormalizedEvent): StackFrame[] {
  const stacks: (Stacktrace | undefined)[] = [
    ...(event.exception?.values ?? []).map((exception) => exception.stacktrace),
    event.stacktrace,
    ...(event.threads?.values ?? []).map((thread) => thread.stacktrace as unknown as Stacktrace | undefined),
  ];
  return stacks.flatMap((stack) => stack?.frames ?? []);
}

function defined(values: (string | undefined)[]): string[] {
  return values.filter((value): value is string => value !== undefined && value !== "");
}
