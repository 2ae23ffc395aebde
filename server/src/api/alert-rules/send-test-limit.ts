import type { Redis } from "ioredis";
import { AlertRulesError } from "./alert-rules.errors";

/**
 * Checks each counter against its own limit and, when all are under, counts the send in each:
 * one atomic step, so parallel clicks cannot all pass before any is counted. Returns
 * {0, 0} to go on, else {seconds until that counter expires, 1-based index of the counter}.
 */
const TAKE = `
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[i * 2 - 1])
  local window = tonumber(ARGV[i * 2])
  if tonumber(redis.call('GET', key) or '0') >= limit then
    local ttl = redis.call('TTL', key)
    if ttl <= 0 then
      redis.call('EXPIRE', key, window)
      ttl = window
    end
    return {ttl, i}
  end
end
for i, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 then redis.call('EXPIRE', key, tonumber(ARGV[i * 2])) end
end
return {0, 0}
`;

export interface SendTestLimits {
  perRule: { max: number; windowSeconds: number };
  perUser: { max: number; windowSeconds: number };
}

/** Five tests per rule in 10 minutes, twenty per person in an hour: enough to set up, too few to spam with. */
export const DEFAULT_SEND_TEST_LIMITS: SendTestLimits = {
  perRule: { max: 5, windowSeconds: 600 },
  perUser: { max: 20, windowSeconds: 3600 },
};

/**
 * "Send test" counted in Redis per rule and per person (fixed windows): a test sends real email,
 * SMS and pages to whatever the rule names, so a member cannot turn it into a mailer. Past a
 * limit the send is refused with its wait; if Redis is unreachable, it is refused too.
 */
export function createSendTestLimit(redis: Redis, limits: SendTestLimits = DEFAULT_SEND_TEST_LIMITS) {
  return {
    async take(ruleId: number, userId: number | null): Promise<void> {
      let answer: unknown;
      try {
        answer = await redis.eval(
          TAKE,
          2,
          `fl:alert-test:rule:${ruleId}`,
          `fl:alert-test:user:${userId ?? "unknown"}`,
          String(limits.perRule.max),
          String(limits.perRule.windowSeconds),
          String(limits.perUser.max),
          String(limits.perUser.windowSeconds),
        );
      } catch (error) {
        throw new AlertRulesError("unavailable", "Sending tests is unavailable right now; try again shortly.", {
          cause: error,
        });
      }
      const [wait, which] = (answer as [number, number]).map(Number) as [number, number];
      if (wait <= 0) return;
      const limit = which === 1 ? limits.perRule : limits.perUser;
      const scope = which === 1 ? "this rule" : "you";
      throw new AlertRulesError(
        "throttled",
        `Too many test messages: ${limit.max} per ${minutes(limit.windowSeconds)} for ${scope}; try again in ${wait} seconds.`,
        { retryAfterSeconds: wait, limit: which === 1 ? "rule" : "user" },
      );
    },
  };
}

function minutes(seconds: number): string {
  return seconds % 3600 === 0
    ? `${seconds / 3600} hour${seconds === 3600 ? "" : "s"}`
    : `${Math.round(seconds / 60)} minutes`;
}

export type SendTestLimit = ReturnType<typeof createSendTestLimit>;
