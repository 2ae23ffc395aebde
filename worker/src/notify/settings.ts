import { DEFAULT_NOTIFY_RETRY, notifyRetryFrom, type NotifyRetry } from "@faultline/runtime";
import type { NotifyConfig } from "../config";

/** What the alert jobs and channels need, from the worker's configuration. */
export interface NotifySettings {
  publicUrl: string;
  concurrency: number;
  email: { smtpUrl: string | undefined; from: string };
  sms: {
    accountSid: string | undefined;
    authToken: string | undefined;
    from: string | undefined;
    messagingServiceSid: string | undefined;
    apiBaseUrl: string;
    dailyCapPerProject: number;
  };
  webhook: { allowedHosts: string[]; timeoutMs: number };
  /** Vendor API roots (no trailing slash); their hosts pass the outbound guard, as the operator set them. */
  vendors: { telegramApiBaseUrl: string; pagerDutyApiBaseUrl: string; opsgenieApiBaseUrl: string; ntfyBaseUrl: string };
  retry: NotifyRetry;
}

export function notifySettingsFrom(config: NotifyConfig): NotifySettings {
  return {
    publicUrl: config.PUBLIC_URL.replace(/\/+$/, ""),
    concurrency: config.ALERTS_CONCURRENCY,
    email: { smtpUrl: config.SMTP_URL, from: config.EMAIL_FROM },
    sms: {
      accountSid: config.TWILIO_ACCOUNT_SID,
      authToken: config.TWILIO_AUTH_TOKEN,
      from: config.TWILIO_FROM,
      messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID,
      apiBaseUrl: config.TWILIO_API_BASE_URL,
      dailyCapPerProject: config.SMS_DAILY_CAP_PER_PROJECT,
    },
    webhook: { allowedHosts: config.WEBHOOK_ALLOWED_HOSTS, timeoutMs: config.WEBHOOK_TIMEOUT_MS },
    vendors: {
      telegramApiBaseUrl: config.TELEGRAM_API_BASE_URL,
      pagerDutyApiBaseUrl: config.PAGERDUTY_API_BASE_URL,
      opsgenieApiBaseUrl: config.OPSGENIE_API_BASE_URL,
      ntfyBaseUrl: config.NTFY_BASE_URL,
    },
    retry: notifyRetryFrom(config),
  };
}

/** Defaults for processes started without alert settings (tests, benchmarks): nothing configured. */
export const DEFAULT_NOTIFY_SETTINGS: NotifySettings = {
  publicUrl: "http://localhost:8000",
  concurrency: 8,
  email: { smtpUrl: undefined, from: "Faultline <faultline@localhost>" },
  sms: {
    accountSid: undefined,
    authToken: undefined,
    from: undefined,
    messagingServiceSid: undefined,
    apiBaseUrl: "https://api.twilio.com",
    dailyCapPerProject: 100,
  },
  webhook: { allowedHosts: [], timeoutMs: 10_000 },
  vendors: {
    telegramApiBaseUrl: "https://api.telegram.org",
    pagerDutyApiBaseUrl: "https://events.pagerduty.com",
    opsgenieApiBaseUrl: "https://api.opsgenie.com",
    ntfyBaseUrl: "https://ntfy.sh",
  },
  retry: DEFAULT_NOTIFY_RETRY,
};
