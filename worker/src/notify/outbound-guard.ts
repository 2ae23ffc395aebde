import dns from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { Agent, fetch, type RequestInit, type Response } from "undici";

/** A webhook target that resolves to an address Faultline will not call. */
export class OutboundRefusedError extends Error {
  override readonly name = "OutboundRefusedError";
}

const blocked = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this" network
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata endpoints
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  blocked.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const)
  blocked.addSubnet(network, prefix, "ipv6");

/** Private, loopback, link-local and other non-public addresses (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return blocked.check(mapped[1], "ipv4");
  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** Says which setting lets such a target through: the person who saw it refused can act. */
const NOT_PUBLIC = "is not a public address; allow it with WEBHOOK_ALLOWED_HOSTS";

/**
 * Resolves the name and refuses it if any address is private. Used as the socket's lookup, so
 * the address checked is the address connected to (no second resolution to rebind).
 */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "", 0);
    const refused = addresses.find((entry) => isPrivateAddress(entry.address));
    if (refused)
      return callback(
        new OutboundRefusedError(`${hostname} resolves to ${refused.address}, which ${NOT_PUBLIC}`),
        "",
        0,
      );
    const first = addresses[0];
    if (!first) return callback(new Error(`${hostname} did not resolve`), "", 0);
    if (options.all) (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
    else callback(null, first.address, first.family);
  });
};

export type GuardedFetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * fetch for user-given URLs: refuses non-public targets (after DNS resolution) unless the host is
 * in `allowedHosts`, and never follows redirects (a redirect could point anywhere).
 */
export function createGuardedFetch(allowedHosts: string[]): { fetch: GuardedFetch; close(): Promise<void> } {
  const allowed = new Set(allowedHosts.map((host) => host.toLowerCase()));
  const guarded = new Agent({ connect: { lookup: guardedLookup } });
  const open = new Agent();
  return {
    async fetch(url, init) {
      const host = new URL(url).hostname.replace(/^\[|\]$/g, "").toLowerCase();
      if (allowed.has(host)) return fetch(url, { ...init, redirect: "manual", dispatcher: open });
      // An address literal is never looked up, so it is checked here.
      if (isIP(host) !== 0 && isPrivateAddress(host)) throw new OutboundRefusedError(`${host} ${NOT_PUBLIC}`);
      return fetch(url, { ...init, redirect: "manual", dispatcher: guarded });
    },
    async close() {
      await Promise.all([guarded.close(), open.close()]);
    },
  };
}
