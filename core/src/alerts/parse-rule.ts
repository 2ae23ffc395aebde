import type { z } from "zod";
import { alertRuleSchema, type AlertRule } from "./rule-schema";

export type ParseResult<T> = { ok: true; value: T } | { ok: false; detail: string };

/** A rule from an API body; on failure, a message naming the field ("triggers[1].interval: ..."). */
export function parseAlertRule(body: unknown): ParseResult<AlertRule> {
  return toResult(alertRuleSchema.safeParse(body));
}

/**
 * An update (PUT) may send any subset of the fields: it is laid over the stored rule and the
 * result is checked as a whole, so defaults never overwrite what the body left out.
 */
export function parseAlertRuleUpdate(current: AlertRule, body: unknown): ParseResult<AlertRule> {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return { ok: false, detail: "body must be a JSON object" };
  return parseAlertRule({ ...current, ...body });
}

function toResult<T>(result: z.ZodSafeParseResult<T>): ParseResult<T> {
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, detail: result.error.issues.slice(0, 5).map(describeIssue).join("; ") };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.reduce<string>(
    (text, part) => (typeof part === "number" ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)),
    "",
  );
  const problem =
    issue.code === "invalid_type" && issue.input === undefined
      ? "is required"
      : issue.code === "invalid_union"
        ? `is not a valid ${field.replace(/\[\d+\]$/, "").replace(/s$/, "")}`
        : issue.message;
  return field ? `${field}: ${problem}` : problem;
}
