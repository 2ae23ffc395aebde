import {
  DEFAULT_SENSITIVE_KEY,
  SENSITIVE_COOKIES,
  SENSITIVE_VALUE,
  scrubProtectedText,
  scrubText,
  type TextOptions,
} from "./patterns";
import type { ScrubSettings } from "./settings";

/** The project's settings compiled into the questions the walker asks at every node. */
export interface ScrubRules {
  /** Whether safe fields are configured: only they need the dotted path of every value. */
  readonly needsPaths: boolean;
  isSafe(key: string, path: string): boolean;
  isSensitiveKey(key: string): boolean;
  isSensitiveCookie(name: string): boolean;
  /** Values that mention a secret (`password=hunter2`) are replaced whatever key they sit under. */
  isSecretValue(value: string): boolean;
  text(value: string): string;
  protectedText(value: string): string;
}

export function compileRules(settings: ScrubSettings): ScrubRules {
  const extra = settings.sensitiveFields.map((field) => field.trim().toLowerCase()).filter(Boolean);
  const safe = new Set(settings.safeFields.map((field) => field.trim().toLowerCase()).filter(Boolean));
  const options: TextOptions = {
    defaults: settings.useDefaults,
    emails: settings.scrubEmails,
    ips: settings.scrubIpAddresses,
  };
  return {
    needsPaths: safe.size > 0,
    isSafe: (key, path) => {
      if (safe.size === 0) return false;
      const lowerPath = path.toLowerCase();
      if (safe.has(key.toLowerCase()) || safe.has(lowerPath)) return true;
      for (const field of safe) if (lowerPath.endsWith(`.${field}`)) return true;
      return false;
    },
    isSensitiveKey: (key) => {
      if (settings.useDefaults && DEFAULT_SENSITIVE_KEY.test(key)) return true;
      if (extra.length === 0) return false;
      const lower = key.toLowerCase();
      return extra.some((field) => lower.includes(field));
    },
    isSensitiveCookie: (name) => settings.useDefaults && SENSITIVE_COOKIES.has(name.toLowerCase()),
    isSecretValue: (value) => {
      if (settings.useDefaults && SENSITIVE_VALUE.test(value)) return true;
      // Every string of every event is asked: no lower-cased copy unless there is a field to find.
      if (extra.length === 0) return false;
      const lower = value.toLowerCase();
      return extra.some((field) => lower.includes(field));
    },
    text: (value) => scrubText(value, options),
    protectedText: (value) => scrubProtectedText(value, options),
  };
}
