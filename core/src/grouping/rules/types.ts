/** What a fingerprint rule can look at (Sentry's names; `type`, `value`, `function`... are aliases). */
export type MatcherKey =
  | "error.type"
  | "error.value"
  | "message"
  | "logger"
  | "level"
  | "stack.function"
  | "stack.module"
  | "stack.abs_path"
  | `tags.${string}`;

export interface Matcher {
  key: MatcherKey;
  /** The glob as written (without quotes). */
  pattern: string;
  /** `!key:value` — the rule applies only when this does NOT match. */
  negated: boolean;
}

export interface FingerprintRule {
  matchers: Matcher[];
  /** The fingerprint to use, variables such as `{{ default }}` left for grouping to resolve. */
  fingerprint: string[];
  /** 1-based line in the rules text, to explain which rule grouped an event. */
  line: number;
  /** The rule as written, without its comment. */
  text: string;
}

export interface RuleError {
  line: number;
  message: string;
}
