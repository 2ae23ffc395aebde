import { parseConfig } from "@faultline/core";
import express from "express";
import request from "supertest";
import { serverConfigSchema, trustProxySetting } from "./config";

const base = { DATABASE_URL: "postgresql://localhost/faultline" };

function trustProxy(value: string | undefined) {
  return parseConfig(serverConfigSchema, value === undefined ? base : { ...base, TRUST_PROXY: value }).TRUST_PROXY;
}

/** The client address Express reports for a request that passed two proxies. */
async function clientIp(setting: boolean | number | string): Promise<string> {
  const app = express();
  app.set("trust proxy", setting);
  app.get("/", (req, res) => {
    res.send(req.ip);
  });
  const res = await request(app).get("/").set("X-Forwarded-For", "203.0.113.7, 10.0.0.2");
  return res.text;
}

describe("TRUST_PROXY", () => {
  it("is off by default and takes true and false", () => {
    expect(trustProxy(undefined)).toBe(false);
    expect(trustProxy("false")).toBe(false);
    expect(trustProxy("true")).toBe(true);
    expect(trustProxy(" true ")).toBe(true);
  });

  it("turns a number into a hop count, not an address", () => {
    expect(trustProxy("2")).toBe(2);
    expect(trustProxy("0")).toBe(0);
  });

  it("keeps addresses, subnets and names as they are", () => {
    expect(trustProxy("10.0.0.1, 10.0.0.2")).toBe("10.0.0.1, 10.0.0.2");
    expect(trustProxy("loopback")).toBe("loopback");
    expect(trustProxySetting("127.0.0.1/8")).toBe("127.0.0.1/8");
  });

  it("lets Express see the client behind two proxies with a hop count of 2", async () => {
    // supertest connects from loopback: hop 1 is it, hop 2 is 10.0.0.2, then the client.
    expect(await clientIp(trustProxy("2"))).toBe("203.0.113.7");
    expect(await clientIp(trustProxy("1"))).toBe("10.0.0.2");
    expect(await clientIp(trustProxy("loopback, 10.0.0.2"))).toBe("203.0.113.7");
    expect(await clientIp(trustProxy("false"))).toMatch(/127\.0\.0\.1/);
  });
});

describe("INGEST_DECOMPRESSION_BUDGET_MB", () => {
  it("defaults to 128 MiB, enough for the largest body the default limits allow, and must be positive", () => {
    const config = parseConfig(serverConfigSchema, base);
    expect(config.INGEST_DECOMPRESSION_BUDGET_MB).toBe(128);
    expect(config.INGEST_DECOMPRESSION_BUDGET_MB * 1024 * 1024).toBeGreaterThanOrEqual(
      config.INGEST_MAX_COMPRESSED_BYTES + config.INGEST_MAX_ENVELOPE_BYTES,
    );
    expect(
      parseConfig(serverConfigSchema, { ...base, INGEST_DECOMPRESSION_BUDGET_MB: "32" }).INGEST_DECOMPRESSION_BUDGET_MB,
    ).toBe(32);
    expect(() => parseConfig(serverConfigSchema, { ...base, INGEST_DECOMPRESSION_BUDGET_MB: "0" })).toThrow();
  });
});

describe("DATABASE_READ_URL", () => {
  const readUrl = (value?: string) =>
    parseConfig(serverConfigSchema, value === undefined ? base : { ...base, DATABASE_READ_URL: value })
      .DATABASE_READ_URL;

  it("is off when unset or empty", () => {
    expect(readUrl()).toBeUndefined();
    expect(readUrl("")).toBeUndefined();
  });

  it("takes a postgresql:// URL and refuses anything else, naming the setting", () => {
    expect(readUrl("postgresql://replica.internal/faultline")).toBe("postgresql://replica.internal/faultline");
    expect(() => readUrl("mysql://replica/faultline")).toThrow(/DATABASE_READ_URL/);
  });
});
