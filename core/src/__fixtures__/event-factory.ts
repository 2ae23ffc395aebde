import { normalizeEvent } from "../event/normalize-event";
import type { NormalizedEvent } from "../event/types";

export const TEST_CONTEXT = {
  eventId: "0".repeat(32),
  receivedAt: Date.parse("2026-11-22T03:00:00Z"),
  clientIp: "198.51.100.1",
};

/** A normalized event from a raw payload, with the fixed test context. */
export function eventFrom(raw: Record<string, unknown>): NormalizedEvent {
  return normalizeEvent(raw, TEST_CONTEXT);
}

interface ErrorOptions {
  type?: string;
  value?: string;
  frames?: Record<string, unknown>[];
  platform?: string;
  extra?: Record<string, unknown>;
}

/** A Python error raised in `app.views.checkout` unless told otherwise. */
export function errorEvent(options: ErrorOptions = {}): NormalizedEvent {
  const frames = options.frames ?? [
    {
      module: "app.views",
      function: "checkout",
      filename: "app/views.py",
      abs_path: "/srv/app/views.py",
      context_line: "    charge(order)",
      in_app: true,
    },
    {
      module: "app.billing",
      function: "charge",
      filename: "app/billing.py",
      abs_path: "/srv/app/billing.py",
      context_line: "    raise PaymentDeclined(msg)",
      in_app: true,
    },
  ];
  return eventFrom({
    platform: options.platform ?? "python",
    exception: {
      values: [
        { type: options.type ?? "PaymentDeclined", value: options.value ?? "card declined", stacktrace: { frames } },
      ],
    },
    ...options.extra,
  });
}
