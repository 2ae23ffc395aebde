import pino, { type Logger } from "pino";

export type { Logger };

/**
 * Structured JSON logs. Never pass event payloads or credentials to a logger: log ids, counts
 * and reasons. The redaction list is a second line of defence, not the first.
 */
export function createLogger(level: string, name: string): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        'req.headers["x-sentry-auth"]',
        "*.password",
        "*.token",
      ],
      censor: "[Filtered]",
    },
  });
}
