import { parseConfig } from "@faultline/core";
import { createDatabase } from "@faultline/db";
import { createLogger } from "@faultline/runtime";
import { workerConfigSchema } from "./config";
import { workerDepsFrom } from "./worker-process";

const base = { DATABASE_URL: "postgresql://127.0.0.1:1/unused" };
// Never queried: the worker deps only carry the client.
const db = createDatabase({ url: base.DATABASE_URL });
const log = createLogger("silent", "test");

afterAll(async () => {
  await db.$disconnect();
});

describe("worker settings", () => {
  it("hands WORKER_BATCH_SIZE and WORKER_BATCH_WAIT_MS to the worker", () => {
    const config = parseConfig(workerConfigSchema, { ...base, WORKER_BATCH_SIZE: "7", WORKER_BATCH_WAIT_MS: "3" });
    expect(workerDepsFrom(config, db, log).batch).toEqual({ maxSize: 7, maxWaitMs: 3 });
    const defaults = parseConfig(workerConfigSchema, base);
    expect(workerDepsFrom(defaults, db, log).batch).toEqual({ maxSize: 128, maxWaitMs: 20 });
  });

  it("defaults PUBLIC_URL to the server's address on PORT, as the server does", () => {
    expect(parseConfig(workerConfigSchema, base).PUBLIC_URL).toBe("http://localhost:8000");
    expect(parseConfig(workerConfigSchema, { ...base, PORT: "9000" }).PUBLIC_URL).toBe("http://localhost:9000");
    const explicit = parseConfig(workerConfigSchema, {
      ...base,
      PORT: "9000",
      PUBLIC_URL: "https://errors.example.com",
    });
    expect(explicit.PUBLIC_URL).toBe("https://errors.example.com");
    expect(workerDepsFrom(explicit, db, log).notify?.publicUrl).toBe("https://errors.example.com");
  });
});
