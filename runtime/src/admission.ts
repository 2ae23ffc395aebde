import { isSpiking, windowStart, type SpikeSettings, type WindowLimit } from "@faultline/core";
import type { Redis } from "ioredis";
import { luaScript } from "./lua-script";

export interface AdmissionRequest {
  projectId: number;
  publicKey: string;
  keyLimit: WindowLimit | null;
  projectQuota: WindowLimit | null;
  /** Rate-limited items (events, transactions, security reports) in this request. */
  quantity: number;
  nowMs: number;
}

export type Admission =
  { allowed: true; spiking: boolean } | { allowed: false; limitedBy: "key" | "project"; window: WindowLimit };

// Check-then-increment in one atomic step: refused events do not use up the window. The
// minute/hour counters feed spike detection (events per minute vs. the previous hour).
const ADMIT_SCRIPT = `
local qty = tonumber(ARGV[1])
local function take(key, limit, ttl)
  if limit < 0 then return 0 end
  local current = tonumber(redis.call('GET', key) or '0')
  if current + qty > limit then return 1 end
  if redis.call('INCRBY', key, qty) == qty then redis.call('PEXPIRE', key, ttl) end
  return 0
end
local keyLimited = take(KEYS[1], tonumber(ARGV[2]), tonumber(ARGV[3]))
local projectLimited = 0
if keyLimited == 0 then
  projectLimited = take(KEYS[2], tonumber(ARGV[4]), tonumber(ARGV[5]))
  if projectLimited == 1 and tonumber(ARGV[2]) >= 0 then redis.call('DECRBY', KEYS[1], qty) end
end
if keyLimited == 1 or projectLimited == 1 then return {keyLimited, projectLimited, 0, 0} end
local minute = redis.call('INCRBY', KEYS[3], qty)
if minute == qty then redis.call('PEXPIRE', KEYS[3], 120000) end
if redis.call('INCRBY', KEYS[4], qty) == qty then redis.call('PEXPIRE', KEYS[4], 7200000) end
local previous = tonumber(redis.call('GET', KEYS[5]) or '0')
return {0, 0, minute, previous}`;
const admitScript = luaScript(ADMIT_SCRIPT);

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** Rate limits, quotas and spike detection for one request: a single Redis round trip. */
export async function admit(redis: Redis, request: AdmissionRequest, spike: SpikeSettings): Promise<Admission> {
  const { projectId, publicKey, keyLimit, projectQuota, quantity, nowMs } = request;
  const minute = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
  const hour = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
  const keys = [
    keyLimit
      ? `fl:rl:k:${publicKey}:${keyLimit.windowSeconds}:${windowStart(nowMs, keyLimit.windowSeconds)}`
      : "fl:rl:none",
    projectQuota
      ? `fl:rl:p:${projectId}:${projectQuota.windowSeconds}:${windowStart(nowMs, projectQuota.windowSeconds)}`
      : "fl:rl:none",
    `fl:spike:m:${projectId}:${minute}`,
    `fl:spike:h:${projectId}:${hour}`,
    `fl:spike:h:${projectId}:${hour - HOUR_MS}`,
  ];
  const args = [
    quantity,
    keyLimit ? keyLimit.count : -1,
    keyLimit ? keyLimit.windowSeconds * 1000 + 1000 : 0,
    projectQuota ? projectQuota.count : -1,
    projectQuota ? projectQuota.windowSeconds * 1000 + 1000 : 0,
  ];
  const [keyLimited, projectLimited, thisMinute, previousHour] = (await admitScript(redis, keys, args)) as number[];
  if (keyLimited === 1 && keyLimit) return { allowed: false, limitedBy: "key", window: keyLimit };
  if (projectLimited === 1 && projectQuota) return { allowed: false, limitedBy: "project", window: projectQuota };
  return { allowed: true, spiking: isSpiking(thisMinute ?? 0, previousHour ?? 0, spike) };
}
