import { spawn, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";

/**
 * A private redis-server on its own port, for tests that stop and restart Redis without
 * disturbing the shared one.
 */
export class DisposableRedis {
  private child: ChildProcess | undefined;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn(
      "redis-server",
      ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      {
        stdio: "ignore",
      },
    );
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      try {
        await probe.connect();
        await probe.ping();
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        probe.disconnect();
      }
    }
    throw new Error(`redis-server on port ${this.port} did not start`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGKILL");
    });
  }
}

/** A port unlikely to clash between jest workers and checkouts. */
export function spareRedisPort(offset: number): number {
  return (
    16_400 + Number(process.env.TEST_REDIS_DB_BASE ?? 0) * 10 + Number(process.env.JEST_WORKER_ID ?? 1) * 2 + offset
  );
}
