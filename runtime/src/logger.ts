import pino, { type Logger } from "pino";
import { redactError } from "./redact-errors";

export type { Logger };

/**
 * Structured JSON logs. Never pass event payloads or credentials to a logger: log ids, counts
 * and reasons. The redaction list is a second line of defence, not the first.
 */
export function createLogger(level: string, name: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
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
    // Database errors quote the values they refused (an event's passwords, tokens): see redactError.
    serializers: { err: redactError, error: redactError },
  };
  return destination ? pino(options, destination) : pino(options);
}
