import type { ApiExceptionData, ApiExceptionValue, ApiThread } from "@faultline/core";
import { list, nonEmptyRecord, pruneNulls, record, text, type Json } from "./json";
import { serializeStacktrace } from "./serialize-frames";

/** Sentry's `Mechanism.get_api_context`: the stored fields (snake_case in Sentry's API too) minus empty ones. */
function serializeMechanism(value: unknown): Json | null {
  const mechanism = record(value);
  if (!mechanism) return null;
  return pruneNulls({ ...mechanism, data: nonEmptyRecord(mechanism.data), meta: nonEmptyRecord(mechanism.meta) });
}

function serializeExceptionValue(value: Json): ApiExceptionValue {
  const stacktrace = serializeStacktrace(value.stacktrace);
  return {
    type: text(value.type),
    value: text(value.value) || null,
    mechanism: serializeMechanism(value.mechanism),
    threadId: value.thread_id ?? null,
    module: text(value.module),
    stacktrace,
    rawStacktrace: serializeStacktrace(value.raw_stacktrace),
  };
}

/** The `exception` entry: causes first, the raised exception last, as the SDK sent them. */
export function serializeException(value: unknown): ApiExceptionData | null {
  const exception = record(value);
  const values = list(exception?.values).flatMap((item) => {
    const found = record(item);
    return found ? [serializeExceptionValue(found)] : [];
  });
  if (values.length === 0) return null;
  return {
    values,
    hasSystemFrames: values.some((item) => item.stacktrace?.hasSystemFrames === true),
    excOmitted: exception?.exc_omitted ?? null,
  };
}

function serializeThread(thread: Json): ApiThread {
  const out: ApiThread = {
    id: thread.id ?? null,
    current: thread.current ?? null,
    crashed: thread.crashed ?? null,
    name: thread.name ?? null,
    stacktrace: serializeStacktrace(thread.stacktrace),
  };
  if (thread.state) out.state = thread.state;
  if (thread.held_locks) out.heldLocks = thread.held_locks;
  const raw = serializeStacktrace(thread.raw_stacktrace);
  if (raw) out.rawStacktrace = raw;
  return out;
}

export function serializeThreads(value: unknown): { values: ApiThread[] } | null {
  const values = list(record(value)?.values).flatMap((item) => {
    const found = record(item);
    return found ? [serializeThread(found)] : [];
  });
  return values.length > 0 ? { values } : null;
}
