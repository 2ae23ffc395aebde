import {
  JOB_NAMES,
  categoryOfItem,
  generateEventId,
  normalizeEventId,
  outcome,
  parseClientReport,
  type Envelope,
  type EnvelopeItem,
  type QueuedJob,
} from "@faultline/core";
import { eventJob, parseEventJson, tryParseJson, type JobContext } from "./event-payload";
import { IngestError } from "./ingest-error";
import { planOtherItem, type ItemLimits, type PlanState } from "./other-items";
import { emptyPlan, type IngestPlan } from "./plan";
import { planSecurityReport } from "./security-items";
import { newBlobKey } from "@faultline/runtime";

/**
 * Decides what each envelope item becomes. Item types Faultline does not store are accepted,
 * counted and dropped, never refused: a 4xx would make SDKs retry them forever. An item too
 * large for its type refuses the whole envelope with 413, as Relay does.
 */
export function planEnvelope(envelope: Envelope, context: JobContext, limits: ItemLimits): IngestPlan {
  const plan = emptyPlan(context.projectId);
  const headerId = normalizeEventId(envelope.headers.event_id);
  const state: PlanState = {
    plan,
    context,
    limits,
    // Attachments, reports and feedback without a header id still need one to link by (Relay generates it).
    eventId: () => (plan.responseId ??= headerId ?? generateEventId()),
  };
  if (headerId) plan.responseId = headerId;
  const attachments: QueuedJob[] = [];
  for (const [index, item] of envelope.items.entries()) {
    const type = item.headers.type;
    checkSize(item, limits);
    if (type === "event") {
      if (item.payload.length === 0) continue;
      const event = eventOrDrop(item, index, envelope.items.length, state);
      if (!event) continue;
      const job = eventJob(event, context, headerId);
      plan.responseId ??= job.eventId;
      plan.limited.push({ category: "error", event: job, dependents: [] });
    } else if (type === "transaction") {
      plan.limited.push({ category: "transaction", dependents: [] });
    } else if (type === "security" || type === "raw_security") {
      planSecurityReport(plan, item.payload, context);
    } else if (type === "client_report") {
      const increments = parseClientReport(context.projectId, tryParseJson(item.payload));
      if (increments) plan.outcomes.push(...increments);
    } else if (type === "attachment") {
      attachments.push(attachmentJob(item, state));
    } else {
      planOtherItem(item, state);
    }
  }
  // Attachments go with their event (and are rate limited with it); alone they are kept as they are.
  const event = plan.limited.find((item) => item.category === "error");
  if (event) event.dependents.push(...attachments);
  else {
    plan.jobs.push(...attachments);
    for (const _ of attachments) plan.outcomes.push(outcome(context.projectId, "accepted", "attachment_item"));
  }
  return plan;
}

/**
 * A broken event alone is refused with a 400 that says why. Next to other items (attachments,
 * sessions) it is dropped and counted `invalid`, as Relay does, so the rest is not lost.
 */
function eventOrDrop(item: EnvelopeItem, index: number, itemCount: number, state: PlanState) {
  try {
    return parseEventJson(item.payload, `item ${index} (event)`);
  } catch (error) {
    if (itemCount === 1 || !(error instanceof IngestError)) throw error;
    state.plan.outcomes.push(outcome(state.context.projectId, "invalid", "error", 1, "invalid_json"));
    return undefined;
  }
}

function attachmentJob(item: EnvelopeItem, state: PlanState) {
  const { headers } = item;
  const blobKey = newBlobKey();
  state.plan.blobs.set(blobKey, item.payload);
  return {
    name: JOB_NAMES.storeAttachment,
    data: {
      projectId: state.context.projectId,
      eventId: state.eventId(),
      receivedAt: state.context.receivedAt,
      filename: (typeof headers.filename === "string" && headers.filename.slice(0, 256)) || "attachment",
      contentType:
        (typeof headers.content_type === "string" && headers.content_type.slice(0, 256)) || "application/octet-stream",
      attachmentType:
        (typeof headers.attachment_type === "string" && headers.attachment_type.slice(0, 64)) || "event.attachment",
      blobKey,
    },
  } as const;
}

function checkSize(item: EnvelopeItem, limits: ItemLimits): void {
  const type = item.headers.type;
  const max = type === "attachment" ? limits.maxAttachmentBytes : limitFor(categoryOfItem(type), limits);
  if (max !== undefined && item.payload.length > max) {
    throw new IngestError(413, `envelope exceeded size limits for type '${type}' (${max} bytes)`);
  }
}

function limitFor(category: string, limits: ItemLimits): number | undefined {
  if (["error", "transaction", "security", "session", "feedback"].includes(category)) return limits.maxEventBytes;
  if (category === "monitor" || category === "internal") return 100 * 1024;
  return undefined;
}
