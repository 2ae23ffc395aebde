import {
  JOB_NAMES,
  categoryOfItem,
  outcome,
  parseCheckIn,
  parseFeedbackEvent,
  parseSessionAggregates,
  parseSessionUpdate,
  parseUserReport,
  type EnvelopeItem,
  type SessionsJob,
} from "@faultline/core";
import { tryParseJson, type JobContext } from "./event-payload";
import type { IngestPlan } from "./plan";

export interface ItemLimits {
  maxEventBytes: number;
  maxAttachmentBytes: number;
}

export interface PlanState {
  plan: IngestPlan;
  context: JobContext;
  limits: ItemLimits;
  /** The envelope's event id, generated on first need. */
  eventId: () => string;
}

/**
 * Sessions, feedback and check-ins become jobs; a malformed one is dropped and counted
 * `invalid` without failing the rest of the envelope. Every other type is counted and dropped.
 */
export function planOtherItem(item: EnvelopeItem, state: PlanState): void {
  const { plan, context } = state;
  const type = item.headers.type;
  const category = categoryOfItem(type);
  const invalid = (reason: string): void => {
    plan.outcomes.push(outcome(context.projectId, "invalid", category, 1, reason));
  };
  const accepted = (): void => {
    plan.outcomes.push(outcome(context.projectId, "accepted", category));
  };

  if (type === "session" || type === "sessions") {
    const payload = tryParseJson(item.payload);
    const job = sessionsJob(plan, context);
    if (type === "session") {
      const parsed = parseSessionUpdate(payload, context.receivedAt);
      if (!parsed.ok) return invalid(parsed.reason);
      job.updates.push(parsed.value);
    } else {
      const parsed = parseSessionAggregates(payload, context.receivedAt);
      if (!parsed.ok) return invalid(parsed.reason);
      job.aggregates.push(...parsed.value);
    }
    return accepted();
  }
  if (type === "user_report" || type === "feedback") {
    const payload = tryParseJson(item.payload);
    const parsed =
      type === "user_report" ? parseUserReport(payload) : parseFeedbackEvent(payload, feedbackId(payload, state));
    if (!parsed) return invalid(`invalid_${type}`);
    plan.jobs.push({
      name: JOB_NAMES.storeFeedback,
      data: { ...parsed, projectId: context.projectId, receivedAt: context.receivedAt },
    });
    return accepted();
  }
  if (type === "check_in") {
    const parsed = parseCheckIn(tryParseJson(item.payload));
    if (!parsed) return invalid("invalid_check_in");
    plan.jobs.push({
      name: JOB_NAMES.storeCheckIn,
      data: { ...parsed, projectId: context.projectId, receivedAt: context.receivedAt },
    });
    return accepted();
  }
  // replay, profile, statsd, metrics, span, log, otel_log and anything unknown.
  accepted();
}

/** All session items of one envelope travel in one job. */
function sessionsJob(plan: IngestPlan, context: JobContext): SessionsJob {
  const existing = plan.jobs.find((job) => job.name === JOB_NAMES.ingestSessions);
  if (existing) return existing.data as SessionsJob;
  const data: SessionsJob = {
    projectId: context.projectId,
    receivedAt: context.receivedAt,
    updates: [],
    aggregates: [],
  };
  plan.jobs.push({ name: JOB_NAMES.ingestSessions, data });
  return data;
}

function feedbackId(payload: unknown, state: PlanState): string {
  const own = (payload as { event_id?: unknown } | undefined)?.event_id;
  return typeof own === "string" && /^[0-9a-f]{32}$/.test(own) ? own : state.eventId();
}
