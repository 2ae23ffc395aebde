import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Test-only helpers that turn the recorded fixtures into raw event payloads. */

const ROOT = __dirname;

export type RawEvent = Record<string, unknown>;
export type Sdk = "node" | "browser" | "raven-js" | "python";

export function fixtureJson(...path: string[]): unknown {
  return JSON.parse(readFileSync(join(ROOT, ...path), "utf8"));
}

export function incomingEventNames(): string[] {
  return readdirSync(join(ROOT, "incoming-events"))
    .filter((name) => name.endsWith(".json"))
    .sort();
}

/** An incoming event; the Android one is an envelope stored as `[header, itemHeader, payload, ...]`. */
export function incomingEvent(name: string): RawEvent {
  const data = fixtureJson("incoming-events", name);
  if (!Array.isArray(data)) return data as RawEvent;
  for (let i = 1; i + 1 < data.length; i += 2) {
    const header = data[i] as { type?: string };
    if (header.type === "event") return data[i + 1] as RawEvent;
  }
  throw new Error(`${name}: no event item`);
}

/**
 * Every event an SDK sent in its capture, in order: store bodies as they are, envelope `event`
 * items by their header. Envelopes are split by line rather than by `length` because the
 * recorder rewrote file paths after capture, so some declared lengths no longer match.
 */
export function sdkCaptureEvents(sdk: Sdk): RawEvent[] {
  const lines = readFileSync(join(ROOT, "sdk-captures", `${sdk}.jsonl`), "utf8")
    .split("\n")
    .filter(Boolean);
  const events: RawEvent[] = [];
  for (const line of lines) {
    const request = JSON.parse(line) as { url: string; body: string };
    if (request.url.includes("/store/")) {
      events.push(JSON.parse(request.body) as RawEvent);
      continue;
    }
    const parts = request.body.split("\n");
    for (let i = 1; i + 1 < parts.length; i++) {
      const header = safeParse(parts[i] ?? "");
      if (header?.type === "event") events.push(JSON.parse(parts[i + 1] ?? "") as RawEvent);
    }
  }
  return events;
}

function safeParse(text: string): { type?: unknown } | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? (value as { type?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}
