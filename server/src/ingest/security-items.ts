import {
  MAX_JSON_DEPTH,
  SecurityReportError,
  jsonDepthExceeds,
  securityReportEvents,
  type ReportContext,
} from "@faultline/core";
import { eventJob, parseEventJson, type JobContext } from "./event-payload";
import { IngestError } from "./ingest-error";
import type { IngestPlan } from "./plan";

/** A browser security report body → one rate-limited `security` event per report. */
export function planSecurityReport(
  plan: IngestPlan,
  body: Buffer,
  context: JobContext,
  reportContext: ReportContext = {},
): void {
  const text = body.toString("utf8").trim();
  // report-to posts a JSON array; report-uri an object.
  const parsed = text.startsWith("[") ? parseArray(text) : parseEventJson(text, "security report");
  let events: Record<string, unknown>[];
  try {
    events = securityReportEvents(parsed, reportContext);
  } catch (error) {
    if (error instanceof SecurityReportError) throw new IngestError(error.status, error.message);
    throw error;
  }
  for (const event of events) {
    const job = eventJob(event, context);
    plan.responseId ??= job.eventId;
    plan.limited.push({ category: "security", event: job, dependents: [] });
  }
}

function parseArray(text: string): unknown {
  if (jsonDepthExceeds(Buffer.from(text), MAX_JSON_DEPTH))
    throw new IngestError(400, "security report is nested too deeply");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new IngestError(400, "security report is not valid JSON");
  }
}
