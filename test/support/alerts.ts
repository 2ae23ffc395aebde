import { generateEventId, parseAlertRule, type ProcessEventJob } from "@faultline/core";
import { createAlertRulesRepo, type Database } from "@faultline/db";
import { DEFAULT_NOTIFY_SETTINGS, type NotifySettings } from "@faultline/worker";

/** Stores a rule for the project from an API-shaped body (defaults filled as the API does). */
export async function createRule(db: Database, projectId: number, body: Record<string, unknown>) {
  const parsed = parseAlertRule({ name: "Test rule", ...body });
  if (!parsed.ok) throw new Error(parsed.detail);
  return createAlertRulesRepo(db).create(projectId, parsed.value);
}

/** Notification settings for tests: quick retries, 127.0.0.1 allowed for webhooks. */
export function testNotifySettings(overrides: Partial<NotifySettings> = {}): NotifySettings {
  return {
    ...DEFAULT_NOTIFY_SETTINGS,
    publicUrl: "https://faultline.example.com",
    email: { smtpUrl: undefined, from: "Faultline <alerts@faultline.example.com>" },
    webhook: { allowedHosts: ["127.0.0.1"], timeoutMs: 2000 },
    retry: { attempts: 3, backoffMs: 50, maxBackoffMs: 200 },
    ...overrides,
  };
}

/** A Node error event thrown from `functionName`; one issue per distinct function name. */
export function errorJob(
  projectId: number,
  functionName = "chargeCard",
  extra: Record<string, unknown> = {},
): ProcessEventJob {
  return {
    projectId,
    eventId: generateEventId(),
    receivedAt: Date.now(),
    event: {
      platform: "node",
      level: "error",
      environment: "production",
      release: "shop@2.0.0",
      exception: {
        values: [
          {
            type: "TypeError",
            value: `card declined in ${functionName}`,
            stacktrace: {
              frames: [
                {
                  filename: "/srv/app/node_modules/express/lib/router.js",
                  function: "handle",
                  in_app: false,
                  lineno: 10,
                },
                {
                  filename: "/srv/app/src/checkout.js",
                  function: functionName,
                  context_line: `  throw new TypeError("card declined in ${functionName}");`,
                  in_app: true,
                  lineno: 42,
                },
              ],
            },
          },
        ],
      },
      ...extra,
    },
  };
}
