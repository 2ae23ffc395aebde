import { commonConfigSchema } from "@faultline/runtime";
import { z } from "zod";

const MiB = 1024 * 1024;

export const serverConfigSchema = commonConfigSchema
  .extend({
    PORT: z.coerce.number().int().min(1).max(65535).default(8000),
    /** Server processes sharing PORT (`npm run start:server`; node:cluster). 1: this process serves. */
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
    /** Base URL put into DSNs and links; defaults to http://localhost:$PORT. */
    PUBLIC_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
    /** Express "trust proxy": set when behind a load balancer so client IPs are right. */
    TRUST_PROXY: z.string().default("false").transform(trustProxySetting),
    INGEST_MAX_COMPRESSED_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(20 * MiB),
    INGEST_MAX_ENVELOPE_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(100 * MiB),
    INGEST_MAX_EVENT_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(1 * MiB),
    INGEST_MAX_ATTACHMENT_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(10 * MiB),
    /**
     * Bytes all compressed request bodies together may hold while being inflated (compressed
     * input plus inflated output), in MiB. Over it, the request holding the most gets 503 with
     * Retry-After. 128 fits the largest body the default limits allow (20 MiB compressed plus a
     * 100 MiB envelope) with room for ordinary events beside it; a request needing more than the
     * whole budget gets 413, so keep it at least INGEST_MAX_COMPRESSED_BYTES plus
     * INGEST_MAX_ENVELOPE_BYTES when raising those.
     */
    INGEST_DECOMPRESSION_BUDGET_MB: z.coerce.number().int().min(1).default(128),
    /** Spike protection (see README): never below this many events per minute and project... */
    SPIKE_MIN_EVENTS_PER_MINUTE: z.coerce.number().int().min(1).default(1000),
    /** ...and only when the minute is this many times the previous hour's average minute. */
    SPIKE_FACTOR: z.coerce.number().min(1).default(10),
    /** While spiking, the share of event payloads stored in full; the rest are only counted. */
    SPIKE_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(0.1),
    /** How long a dashboard login lasts. */
    SESSION_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .default(24 * 14),
    /**
     * Longest any one query of this server may run, in ms (PostgreSQL's statement_timeout on the
     * server's connections; 0: no limit). A heavy search is cancelled and answered 503 instead of
     * holding the database; the worker's connections have no such limit.
     */
    API_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
    /** Largest JSON body the web API (/api/0/) accepts. */
    API_MAX_BODY_BYTES: z.coerce.number().int().positive().default(MiB),
    /** Failed logins allowed per client address and per email within LOGIN_WINDOW_SECONDS. */
    LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(10),
    LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
    /** How long a project key lookup is cached in each server process. */
    KEY_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).default(60),
    /**
     * A PostgreSQL replica for the web API's list and detail reads (issues, events, projects,
     * statistics); writes, sign-in and membership always use DATABASE_URL. Unset: one database.
     */
    DATABASE_READ_URL: z
      .string()
      .refine((value) => /^postgres(ql)?:\/\//.test(value), "must be a postgresql:// URL")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    /** Disk the event tables may use, in MiB, for the System page's forecast (0: no budget). */
    EVENT_STORAGE_BUDGET_MB: z.coerce.number().int().min(0).default(0),
    /**
     * The worker's mail server (smtp:// or smtps://). The server only reads whether it is set:
     * without it, invitation links are shown to the inviting admin instead of being emailed.
     */
    SMTP_URL: z
      .string()
      .refine((value) => /^smtps?:\/\//.test(value), "must be an smtp:// or smtps:// URL")
      .optional(),
    /** How long an invitation link stays good. */
    INVITE_EXPIRY_DAYS: z.coerce.number().int().min(1).max(90).default(7),
    /** Largest artifact bundle (sentry-cli sourcemaps upload) or release file accepted. */
    ARTIFACTS_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(100 * MiB),
    /** Single sign-on with OpenID Connect (docs/accounts.md): the provider's issuer URL... */
    OIDC_ISSUER: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
    /** ...and the client registered there for this server. */
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** Email domains allowed to sign in by SSO, comma-separated; empty: any. */
    OIDC_ALLOWED_DOMAINS: z.string().default(""),
    /** Role and organization (slug) of an account created by its first SSO sign-in. */
    OIDC_DEFAULT_ROLE: z.enum(["admin", "member", "viewer"]).default("member"),
    OIDC_DEFAULT_ORGANIZATION: z.string().min(1).optional(),
    /** The login page's button reads "Sign in with <label>". */
    OIDC_BUTTON_LABEL: z.string().min(1).max(60).default("SSO"),
  })
  .refine((config) => !config.OIDC_ISSUER || (config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET), {
    message: "OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET",
    path: ["OIDC_CLIENT_ID"],
  })
  .transform((config) => ({
    ...config,
    PUBLIC_URL: (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, ""),
  }));

/**
 * TRUST_PROXY as Express wants it: `true`/`false`, a number of hops, or addresses and subnets
 * (comma-separated, or `loopback`, `linklocal`, `uniquelocal`). Express only counts hops when
 * given a number: the string "2" would be read as the address 2 and trust nothing.
 */
export function trustProxySetting(value: string): boolean | number | string {
  const setting = value.trim();
  if (setting === "true") return true;
  if (setting === "false" || setting === "") return false;
  if (/^\d+$/.test(setting)) return Number(setting);
  return setting;
}

export type ServerConfig = z.infer<typeof serverConfigSchema>;
