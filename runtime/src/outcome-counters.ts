import type { OutcomeIncrement } from "@faultline/core";
import type { Redis } from "ioredis";
import { luaScript } from "./lua-script";

/**
 * Outcome counters live in Redis until the worker flushes them to PostgreSQL: one hash per hour
 * (`fl:outcomes:<hour ms>`, field `project|outcome|category|reason`) and a set naming the hours
 * that have data. Ingest only ever sends HINCRBY/SADD in one pipeline.
 */
const HOURS_KEY = "fl:outcomes:hours";
const HOUR_MS = 3600 * 1000;

export function hourOf(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

export async function countOutcomes(redis: Redis, increments: OutcomeIncrement[], nowMs = Date.now()): Promise<void> {
  if (increments.length === 0) return;
  const hour = hourOf(nowMs);
  const pipeline = redis.pipeline();
  for (const inc of increments) {
    if (inc.quantity <= 0) continue;
    pipeline.hincrby(
      `fl:outcomes:${hour}`,
      `${inc.projectId}|${inc.outcome}|${inc.category}|${inc.reason}`,
      inc.quantity,
    );
  }
  pipeline.sadd(HOURS_KEY, String(hour));
  await pipeline.exec();
}

export interface OutcomeRow {
  projectId: number;
  hour: Date;
  outcome: string;
  category: string;
  reason: string;
  quantity: number;
}

// Read and delete one hour atomically, so concurrent flushers never count a value twice.
const TAKE_SCRIPT = `
local data = redis.call('HGETALL', KEYS[1])
redis.call('DEL', KEYS[1])
if tonumber(ARGV[1]) == 1 then redis.call('SREM', KEYS[2], ARGV[2]) end
return data`;
const takeScript = luaScript(TAKE_SCRIPT);

/**
 * Takes every counted outcome out of Redis. The caller writes them to PostgreSQL and, if that
 * fails, gives them back with `restoreOutcomes` so nothing is lost.
 */
export async function takeOutcomes(redis: Redis, nowMs = Date.now()): Promise<OutcomeRow[]> {
  const hours = await redis.smembers(HOURS_KEY);
  const rows: OutcomeRow[] = [];
  const current = hourOf(nowMs);
  for (const hour of hours) {
    const past = Number(hour) < current ? 1 : 0;
    const flat = (await takeScript(redis, [`fl:outcomes:${hour}`, HOURS_KEY], [past, hour])) as string[];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const [projectId, outcome = "", category = "", reason = ""] = (flat[i] ?? "").split("|");
      const quantity = Number(flat[i + 1]);
      if (!projectId || !Number.isFinite(quantity) || quantity === 0) continue;
      rows.push({ projectId: Number(projectId), hour: new Date(Number(hour)), outcome, category, reason, quantity });
    }
  }
  return rows;
}

export async function restoreOutcomes(redis: Redis, rows: OutcomeRow[]): Promise<void> {
  if (rows.length === 0) return;
  const pipeline = redis.pipeline();
  for (const row of rows) {
    const hour = row.hour.getTime();
    pipeline.hincrby(
      `fl:outcomes:${hour}`,
      `${row.projectId}|${row.outcome}|${row.category}|${row.reason}`,
      row.quantity,
    );
    pipeline.sadd(HOURS_KEY, String(hour));
  }
  await pipeline.exec();
}
