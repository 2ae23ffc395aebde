import { commonConfigSchema } from "@faultline/runtime";
import { z } from "zod";

const positiveInt = () => z.coerce.number().int().positive();
const baseUrl = (fallback: string) =>
  z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .default(fallback)
    .transform((url) => url.replace(/\/+$/, ""));

/** Alert evaluation and notification channels (email, SMS, webhooks). */
export const notifyConfigSchema = z.object({
  /** Base URL of the dashboard, for links in notifications (same variable as the server's). */
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).default("http://localhost:8000"),
  /** Alert and notification jobs one worker process runs at once. */
  ALERTS_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  /** smtp://user:pass@host:587 or smtps://...:465; email actions fail (recorded) while unset. */
  SMTP_URL: z
    .string()
    .refine((value) => /^smtps?:\/\//.test(value), "must be an smtp:// or smtps:// URL")
    .optional(),
  EMAIL_FROM: z.string().min(3).default("Faultline <faultline@localhost>"),
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-zA-Z]{32}$/, "must be an account SID (AC + 32 characters)")
    .optional(),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  /** Sender number (E.164), or use TWILIO_MESSAGING_SERVICE_SID. */
  TWILIO_FROM: z
    .string()
    .regex(/^\+[1-9]\d{7,14}$/, "must be an E.164 number like +15551234567")
    .optional(),
  TWILIO_MESSAGING_SERVICE_SID: z
    .string()
    .regex(/^MG[0-9a-zA-Z]{32}$/, "must be a messaging service SID")
    .optional(),
  /** Where Twilio's REST API is reached (a proxy, or a stand-in in tests). */
  TWILIO_API_BASE_URL: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .default("https://api.twilio.com"),
  /** Most SMS one project may send per UTC day; further ones fail with "daily SMS cap reached". */
  SMS_DAILY_CAP_PER_PROJECT: z.coerce.number().int().min(0).default(100),
  /** Hosts webhooks may reach even though they resolve to private/loopback/link-local addresses. */
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
    ),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Where the vendor channels are reached (a proxy, a regional host, or a stand-in in tests). */
  TELEGRAM_API_BASE_URL: baseUrl("https://api.telegram.org"),
  PAGERDUTY_API_BASE_URL: baseUrl("https://events.pagerduty.com"),
  /** Opsgenie's EU accounts use https://api.eu.opsgenie.com. */
  OPSGENIE_API_BASE_URL: baseUrl("https://api.opsgenie.com"),
  /** A self-hosted ntfy server, or ntfy.sh. */
  NTFY_BASE_URL: baseUrl("https://ntfy.sh"),
  ...commonConfigSchema.pick({ NOTIFY_MAX_ATTEMPTS: true, NOTIFY_BACKOFF_MS: true, NOTIFY_BACKOFF_MAX_MS: true }).shape,
});

export const workerConfigSchema = commonConfigSchema
  .extend({
    /**
     * Jobs one worker process handles at once. Under a burst a job is a batch of ten or more
     * events; at moderate rates one or two, and then 32 slots held events back in the queue
     * (lag p50 about 1 s at 1,000 events/s, against 0.1 s with 64).
     */
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1024).default(64),
    /** Heap growth past live data before V8 collects, in percent; 0 leaves it to V8 (more memory, less CPU). */
    WORKER_HEAP_GROWTH_PERCENT: z.coerce.number().int().min(0).max(1000).default(100),
    /** Port of the worker's /_health/, /_health/ready and /metrics; 0 turns it off. */
    WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(8001),
    /** Most events stored per database transaction. */
    WORKER_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(128),
    /** How long a batch waits to fill before it is stored anyway. */
    WORKER_BATCH_WAIT_MS: z.coerce.number().int().min(0).max(5000).default(20),
    /**
     * Most milliseconds one event's processing (normalize, symbolicate, scrub, group) may take;
     * an event over it fails alone, for good, as `processing_timeout`.
     */
    EVENT_PROCESSING_BUDGET_MS: z.coerce.number().int().min(10).max(600_000).default(5000),
    /** Most events stored per issue (0: no cap; a project can override it). */
    EVENT_CAP_PER_ISSUE: z.coerce.number().int().min(0).default(0),
    /** Minutes between retention runs. */
    RETENTION_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(10080).default(60),
    /** Seconds between moves of the outcome counters from Redis to PostgreSQL. */
    OUTCOMES_FLUSH_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    /** Largest source map (or minified file) symbolication reads; larger ones are noted as too large. */
    SOURCEMAP_MAX_BYTES: positiveInt().default(32 * 1024 * 1024),
    /** Parsed source maps kept in memory per worker process, by their size in bytes. */
    SOURCEMAP_CACHE_BYTES: positiveInt().default(256 * 1024 * 1024),
  })
  .extend(notifyConfigSchema.shape)
  .extend({
    /** Only read for PUBLIC_URL's default, which is the server's address as in its config. */
    PORT: z.coerce.number().int().min(1).max(65535).default(8000),
    PUBLIC_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  })
  .transform((config) => ({ ...config, PUBLIC_URL: config.PUBLIC_URL ?? `http://localhost:${config.PORT}` }));

export type WorkerConfig = z.infer<typeof workerConfigSchema>;
export type NotifyConfig = z.infer<typeof notifyConfigSchema>;
