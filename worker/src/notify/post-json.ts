import { PermanentDeliveryError, findCause } from "./errors";
import { OutboundRefusedError, type GuardedFetch } from "./outbound-guard";

export interface PostOptions {
  /** Who is called, for messages: "Slack", "PagerDuty"... (never the URL: it may hold a token). */
  vendor: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  deliveryId: bigint;
}

export interface PostAnswer {
  status: number;
  /** The answer's body (at most 4 KB), for the provider's id. */
  text: string;
}

/**
 * POSTs JSON through the outbound guard. 2xx → the answer; 5xx, 408, 429 and timeouts throw a
 * retryable error; other statuses and refused targets are permanent. Errors name the vendor
 * and status and a short piece of the vendor's answer (its reason), never the URL or the body.
 */
export async function postJson(
  guarded: GuardedFetch,
  url: string,
  body: unknown,
  options: PostOptions,
): Promise<PostAnswer> {
  let response;
  try {
    response = await guarded(url, {
      method: "POST",
      body: JSON.stringify(body),
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Faultline-Webhook/1",
        "X-Faultline-Delivery": String(options.deliveryId),
        ...options.headers,
      },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const refused = findCause(error, OutboundRefusedError);
    if (refused) throw new PermanentDeliveryError(`refused: ${refused.message}`, { cause: refused });
    if ((error as Error).name === "TimeoutError")
      throw new Error(`no answer from ${options.vendor} within ${options.timeoutMs} ms`, { cause: error });
    throw new Error(`${options.vendor} could not be reached`, { cause: error });
  }
  const text = (await response.text().catch(() => "")).slice(0, 4096);
  if (response.status >= 200 && response.status < 300) return { status: response.status, text };
  const reason = text.replace(/\s+/g, " ").trim().slice(0, 200);
  const message = `HTTP ${response.status} from ${options.vendor}${reason ? `: ${reason}` : ""}`;
  if (response.status >= 500 || response.status === 408 || response.status === 429) throw new Error(message);
  throw new PermanentDeliveryError(message);
}

/** A field of a JSON answer, or null (answers are read for ids only; nothing depends on them). */
export function answerField(text: string, field: string): string | null {
  try {
    const value = (JSON.parse(text) as Record<string, unknown>)[field];
    return typeof value === "string" || typeof value === "number" ? String(value) : null;
  } catch {
    return null;
  }
}
