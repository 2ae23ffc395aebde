import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { z } from "zod";
import {
  ntfyPublishSchema,
  opsgenieCloseAlertSchema,
  opsgenieCreateAlertSchema,
  pagerDutyEventSchema,
  telegramHtmlProblem,
  telegramSendMessageSchema,
} from "./api-schemas";
import {
  discordWebhookSchema,
  googleChatMessageSchema,
  slackCompatibleWebhookSchema,
  slackWebhookSchema,
  teamsWorkflowSchema,
} from "./chat-schemas";

export type Vendor =
  | "slack"
  | "discord"
  | "teams"
  | "mattermost"
  | "rocketchat"
  | "googlechat"
  | "telegram"
  | "pagerduty"
  | "opsgenie"
  | "ntfy";

/** One request a stand-in received, with what its schema said about it. */
export interface VendorRequest {
  vendor: Vendor;
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: unknown;
  /** Schema problems ("blocks.0.text.text: Too big..."); empty when the request is valid. */
  problems: string[];
}

export interface VendorStandIns {
  /** Root of the server; each vendor lives under /<vendor>. */
  url: string;
  requests: VendorRequest[];
  /** Incoming-webhook URL of a chat tool (what a person would paste). */
  webhookUrl(vendor: "slack" | "discord" | "teams" | "mattermost" | "rocketchat" | "googlechat"): string;
  /** The *_API_BASE_URL settings that point the worker here. */
  vendorBases: {
    telegramApiBaseUrl: string;
    pagerDutyApiBaseUrl: string;
    opsgenieApiBaseUrl: string;
    ntfyBaseUrl: string;
  };
  of(vendor: Vendor): VendorRequest[];
  close(): Promise<void>;
}

const WEBHOOK_PATHS = {
  slack: "/slack/services/T0001/B0001/abcdefghijklmnopqrstuvwx",
  discord: "/discord/api/webhooks/1234567890/token-abc",
  teams: "/teams/workflows/abc/triggers/manual/paths/invoke",
  mattermost: "/mattermost/hooks/mm-hook-id",
  rocketchat: "/rocketchat/hooks/rc-id/rc-token",
  googlechat: "/googlechat/v1/spaces/AAAA/messages",
} as const;

export const TELEGRAM_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
export const PAGERDUTY_KEY = "R0ut1ngK3yR0ut1ngK3yR0ut1ngK3y12";
export const OPSGENIE_KEY = "eb243592-faa2-4ba2-a551q-1afdf565c889";

function problemsOf(schema: z.ZodType, body: unknown): string[] {
  const parsed = schema.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

/**
 * Local stand-ins for every chat and paging vendor: each route checks the request against the
 * vendor's documented schema (and headers: Opsgenie's GenieKey, a Telegram bot token in the
 * path), records it, and answers as the vendor does — a 2xx with the vendor's answer shape when
 * valid, the vendor's 4xx when not.
 */
export async function startVendorStandIns(): Promise<VendorStandIns> {
  const requests: VendorRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
      const url = new URL(req.url ?? "/", "http://stand-in");
      const record = (vendor: Vendor, problems: string[]): VendorRequest => {
        const request = { vendor, method: req.method ?? "", path: url.pathname, headers: req.headers, body, problems };
        requests.push(request);
        return request;
      };
      answer(url, req, body, record, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: root,
    requests,
    webhookUrl: (vendor) => `${root}${WEBHOOK_PATHS[vendor]}`,
    vendorBases: {
      telegramApiBaseUrl: `${root}/telegram`,
      pagerDutyApiBaseUrl: `${root}/pagerduty`,
      opsgenieApiBaseUrl: `${root}/opsgenie`,
      ntfyBaseUrl: `${root}/ntfy`,
    },
    of: (vendor) => requests.filter((request) => request.vendor === vendor),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
}

function answer(
  url: URL,
  req: IncomingMessage,
  body: unknown,
  record: (vendor: Vendor, problems: string[]) => VendorRequest,
  res: ServerResponse,
): void {
  const path = url.pathname;
  const isJson = (req.headers["content-type"] ?? "").startsWith("application/json");
  const chat: [Vendor, string, z.ZodType][] = [
    ["slack", WEBHOOK_PATHS.slack, slackWebhookSchema],
    ["discord", WEBHOOK_PATHS.discord, discordWebhookSchema],
    ["teams", WEBHOOK_PATHS.teams, teamsWorkflowSchema],
    ["mattermost", WEBHOOK_PATHS.mattermost, slackCompatibleWebhookSchema],
    ["rocketchat", WEBHOOK_PATHS.rocketchat, slackCompatibleWebhookSchema],
    ["googlechat", WEBHOOK_PATHS.googlechat, googleChatMessageSchema],
  ];
  for (const [vendor, route, schema] of chat) {
    if (path !== route) continue;
    const problems = [...(isJson ? [] : ["content-type is not application/json"]), ...problemsOf(schema, body)];
    record(vendor, problems);
    if (problems.length > 0) {
      // Slack answers 400 with a plain reason ("invalid_blocks"); the others a JSON error.
      if (vendor === "slack") res.writeHead(400, { "Content-Type": "text/plain" }).end("invalid_blocks");
      else json(res, 400, { message: problems.join("; ") });
      return;
    }
    if (vendor === "slack" || vendor === "mattermost") res.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
    else if (vendor === "discord") res.writeHead(204).end();
    else if (vendor === "teams") res.writeHead(202).end();
    else if (vendor === "rocketchat") json(res, 200, { success: true });
    else json(res, 200, { name: "spaces/AAAA/messages/1", createTime: new Date().toISOString() });
    return;
  }
  const telegram = /^\/telegram\/bot([^/]+)\/sendMessage$/.exec(path);
  if (telegram) {
    const problems = problemsOf(telegramSendMessageSchema, body);
    if (telegram[1] !== TELEGRAM_TOKEN) problems.push("bot token: not this bot's");
    const parsed = telegramSendMessageSchema.safeParse(body);
    if (parsed.success && parsed.data.parse_mode === "HTML") {
      const problem = telegramHtmlProblem(parsed.data.text);
      if (problem) problems.push(`Bad Request: can't parse entities: ${problem}`);
    }
    record("telegram", problems);
    if (telegram[1] !== TELEGRAM_TOKEN)
      return json(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    if (problems.length > 0)
      return json(res, 400, { ok: false, error_code: 400, description: `Bad Request: ${problems.join("; ")}` });
    return json(res, 200, { ok: true, result: { message_id: 4242, date: Math.floor(Date.now() / 1000), text: "" } });
  }
  if (path === "/pagerduty/v2/enqueue") {
    const problems = problemsOf(pagerDutyEventSchema, body);
    record("pagerduty", problems);
    if (problems.length > 0)
      return json(res, 400, { status: "invalid event", message: "Event object is invalid", errors: problems });
    const dedupKey = (body as { dedup_key?: string }).dedup_key ?? "generated-dedup-key";
    return json(res, 202, { status: "success", message: "Event processed", dedup_key: dedupKey });
  }
  const opsgenieClose = /^\/opsgenie\/v2\/alerts\/([^/]+)\/close$/.exec(path);
  if (path === "/opsgenie/v2/alerts" || opsgenieClose) {
    const problems = problemsOf(opsgenieClose ? opsgenieCloseAlertSchema : opsgenieCreateAlertSchema, body);
    const authorized = req.headers.authorization === `GenieKey ${OPSGENIE_KEY}`;
    if (!authorized) problems.push("Authorization: not GenieKey <the integration's key>");
    if (opsgenieClose && url.searchParams.get("identifierType") !== "alias") problems.push("identifierType: not alias");
    record("opsgenie", problems);
    if (!authorized) return json(res, 401, { message: "Could not authenticate", took: 0, requestId: "r-401" });
    if (problems.length > 0) return json(res, 422, { message: problems.join("; "), took: 0, requestId: "r-422" });
    return json(res, 202, { result: "Request will be processed", took: 0.01, requestId: `r-${Date.now()}` });
  }
  if (path === "/ntfy/" && req.method === "POST") {
    const problems = problemsOf(ntfyPublishSchema, body);
    record("ntfy", problems);
    if (problems.length > 0) return json(res, 400, { code: 40001, http: 400, error: problems.join("; ") });
    const published = body as { topic: string; message?: string };
    return json(res, 200, {
      id: "hwQ2YpKdmg",
      time: Math.floor(Date.now() / 1000),
      event: "message",
      topic: published.topic,
      message: published.message ?? "",
    });
  }
  res.writeHead(404).end();
}
