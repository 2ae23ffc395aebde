import { culpritFrame } from "../event/derive-title";
import type { ExceptionValue, NormalizedEvent, StackFrame, Stacktrace } from "../event/types";
import { frameComponent } from "./frame-component";
import { normalizeMessage } from "./normalize-message";

/** Contributing leaf values per variant; null means the variant does not contribute. */
export interface GroupingVariants {
  app?: string[] | null;
  system?: string[] | null;
  default?: string[] | null;
}

type StackVariant = "app" | "system";

/** Sentry's strategies in priority order (sentry-protocol.md §7.2); the first that contributes wins. */
export function defaultComponents(event: NormalizedEvent): GroupingVariants {
  const strategies = [chainedException, threads, topLevelStacktrace, security, message];
  for (const strategy of strategies) {
    const variants = strategy(event);
    if (variants && Object.values(variants).some((leaves) => leaves != null)) return variants;
  }
  return {};
}

/**
 * The app and system variants of one stack trace. Both walk the same frames (the app one keeps
 * only in-app frames), so each frame's component is worked out once and shared.
 */
function stackVariants(stacktrace: Stacktrace | undefined, platform: string): Record<StackVariant, string[] | null> {
  const frames = stacktrace?.frames ?? [];
  if (frames.length === 0) return { app: null, system: null };
  // A single URL-only frame with no function says nothing about the code path (§7.4).
  if (frames.length === 1 && isBareUrlFrame(frames[0], platform)) return { app: null, system: null };
  const app: string[] = [];
  const system: string[] = [];
  let previous: StackFrame | undefined;
  for (let index = 0; index < frames.length; index++) {
    const frame = frames[index] as StackFrame;
    if (previous && isRecursion(previous, frame)) continue;
    previous = frame;
    const component = frameComponent(frame, platform, { isCrashFrame: index === frames.length - 1 });
    if (!component) continue;
    system.push(...component);
    if (frame.in_app === true) app.push(...component);
  }
  return { app: app.length > 0 ? app : null, system: system.length > 0 ? system : null };
}

function isBareUrlFrame(frame: StackFrame | undefined, platform: string): boolean {
  if (!frame) return false;
  const p = frame.platform ?? platform;
  return (p === "javascript" || p === "node") && !frame.function && /^(https?|blob):/i.test(frame.abs_path ?? "");
}

function isRecursion(a: StackFrame, b: StackFrame): boolean {
  return (["abs_path", "package", "module", "filename", "function", "lineno", "colno"] as const).every(
    (key) => a[key] === b[key],
  );
}

function exceptionLeaves(exception: ExceptionValue, stack: string[] | null) {
  const leaves: string[] = [];
  const synthetic = exception.mechanism?.synthetic === true;
  if (exception.type && !synthetic) leaves.push(exception.type);
  const nsError = exception.mechanism?.meta;
  const ns =
    nsError &&
    typeof nsError === "object" &&
    !Array.isArray(nsError) &&
    nsError.ns_error &&
    typeof nsError.ns_error === "object" &&
    !Array.isArray(nsError.ns_error)
      ? nsError.ns_error
      : null;
  if (!stack && !ns && exception.value) leaves.push(normalizeMessage(exception.value));
  if (ns) leaves.push(String(ns.domain ?? ""), String(ns.code ?? ""));
  if (stack) leaves.push(...stack);
  return { leaves, hasStack: stack !== null };
}

function chainedException(event: NormalizedEvent): GroupingVariants | null {
  const values = event.exception?.values ?? [];
  if (values.length === 0) return null;
  const result: Record<StackVariant, { leaves: string[]; hasStack: boolean }> = {
    app: { leaves: [], hasStack: false },
    system: { leaves: [], hasStack: false },
  };
  const stacks = values.map((exception) => stackVariants(exception.stacktrace, event.platform));
  for (const variant of ["app", "system"] as const) {
    values.forEach((exception, index) => {
      const part = exceptionLeaves(exception, stacks[index]?.[variant] ?? null);
      result[variant].leaves.push(...part.leaves);
      result[variant].hasStack ||= part.hasStack;
    });
  }
  // Stacktrace precedence: when any variant has a usable stack, variants without one drop out.
  const anyStack = result.app.hasStack || result.system.hasStack;
  const pick = (variant: StackVariant) => {
    const { leaves, hasStack } = result[variant];
    if (anyStack && !hasStack) return null;
    return leaves.length > 0 ? leaves : null;
  };
  return dedupeVariants(pick("app"), pick("system"));
}

function threads(event: NormalizedEvent): GroupingVariants | null {
  const list = event.threads?.values ?? [];
  const thread =
    list.find((t) => t.crashed === true) ??
    list.find((t) => t.current === true) ??
    (list.length === 1 ? list[0] : undefined);
  const stacktrace = thread?.stacktrace as unknown as Stacktrace | undefined;
  if (!stacktrace) return null;
  const { app, system } = stackVariants(stacktrace, event.platform);
  return dedupeVariants(app, system);
}

function topLevelStacktrace(event: NormalizedEvent): GroupingVariants | null {
  if (!event.stacktrace) return null;
  const { app, system } = stackVariants(event.stacktrace, event.platform);
  return dedupeVariants(app, system);
}

function security(event: NormalizedEvent): GroupingVariants | null {
  if (event.type !== "csp") return null;
  const directive = event.metadata.directive ?? "";
  const host = event.metadata.uri ?? "";
  return { default: ["csp", directive, host] };
}

function message(event: NormalizedEvent): GroupingVariants | null {
  const text = event.logentry?.message ?? event.logentry?.formatted ?? "";
  return text ? { default: [normalizeMessage(text)] } : null;
}

/** When the app variant equals the system variant they hash alike; keep one. */
function dedupeVariants(app: string[] | null, system: string[] | null): GroupingVariants {
  if (app && system && app.join("\u0000") === system.join("\u0000")) return { app, system: null };
  return { app, system };
}

/** The frame fingerprint variables such as `{{ function }}` refer to. */
export function crashFrame(event: NormalizedEvent): StackFrame | undefined {
  const frames = event.exception?.values.at(-1)?.stacktrace?.frames ?? event.stacktrace?.frames ?? [];
  return culpritFrame(frames);
}
