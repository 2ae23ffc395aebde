import { E164_PATTERN, renderSms } from "@faultline/core";
import type { SmsUsageRepo } from "@faultline/db";
import type twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";
import type { ChannelSender } from "./channel";
import { PermanentDeliveryError } from "./errors";
import type { NotifySettings } from "./settings";

const TWILIO_ORIGIN = /^https:\/\/[a-z0-9.-]*twilio\.com/i;

type TwilioClient = ReturnType<typeof twilio>;

/**
 * The Twilio SDK is loaded with the first SMS: it takes about 20 MB of memory in every worker,
 * and most installs send none.
 *
 * The twilio client builds absolute https://api.twilio.com/... URLs and has no base-URL option
 * (region/edge only change the host name within twilio.com), so its HTTP client rewrites the
 * origin: TWILIO_API_BASE_URL reaches a proxy or a local stand-in with the client's real requests.
 */
async function createTwilioClient(accountSid: string, authToken: string, apiBaseUrl: string): Promise<TwilioClient> {
  const { default: sdk } = await import("twilio");
  class RebasedRequestClient extends sdk.RequestClient {
    constructor(private readonly baseUrl: string) {
      super({ timeout: 15_000 });
    }

    override request<TData>(opts: RequestClient.RequestOptions<TData>) {
      return super.request<TData>({ ...opts, uri: opts.uri.replace(TWILIO_ORIGIN, this.baseUrl.replace(/\/+$/, "")) });
    }
  }
  return sdk(accountSid, authToken, { httpClient: new RebasedRequestClient(apiBaseUrl) });
}

export function createSmsSender(
  settings: NotifySettings["sms"],
  usage: SmsUsageRepo,
  publicUrl: string,
): ChannelSender {
  const { accountSid, authToken } = settings;
  let client: Promise<TwilioClient> | undefined;
  return {
    async send(delivery, notification) {
      if (!accountSid || !authToken || !(settings.from || settings.messagingServiceSid))
        throw new PermanentDeliveryError(
          "SMS is not configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID)",
        );
      if (!E164_PATTERN.test(delivery.target))
        throw new PermanentDeliveryError(`${delivery.target} is not a phone number in E.164 form`);
      // The first attempt takes a slot of the project's daily cap; retries of it do not take another.
      if (delivery.attempts === 1 && !(await usage.take(delivery.projectId, settings.dailyCapPerProject)))
        throw new PermanentDeliveryError(`daily SMS cap of ${settings.dailyCapPerProject} reached for this project`);
      try {
        client ??= createTwilioClient(accountSid, authToken, settings.apiBaseUrl);
        const message = await (
          await client
        ).messages.create({
          to: delivery.target,
          body: renderSms(notification, publicUrl),
          ...(settings.messagingServiceSid
            ? { messagingServiceSid: settings.messagingServiceSid }
            : { from: settings.from as string }),
        });
        return message.sid;
      } catch (error) {
        const status = (error as { status?: unknown }).status;
        // Twilio's 4xx (bad number, unverified sender...) will not change on retry; 429 and 5xx may.
        if (typeof status === "number" && status >= 400 && status < 500 && status !== 429)
          throw new PermanentDeliveryError(`Twilio ${status}: ${(error as Error).message}`, { cause: error });
        throw error;
      }
    },
  };
}
