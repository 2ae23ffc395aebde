import { readFileSync } from "node:fs";
import http from "node:http";
import { childPorts, startChild, type ChildService } from "../../test/support/child-processes";
import { waitFor } from "../../test/support/harness";

// The built server (npm run build) with WEB_CONCURRENCY=2: one process forking two that share
// PORT. Which process answers is read from each one's CPU time, not from timings.

function childrenOf(pid: number | undefined): number[] {
  const list = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
  return list ? list.split(" ").map(Number) : [];
}

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

/** A GET on a connection of its own (cluster hands out connections, not requests). */
function getOnNewConnection(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      })
      .on("error", reject);
  });
}

let server: ChildService;

afterEach(async () => {
  await server?.stop();
});

it("serves PORT from WEB_CONCURRENCY processes, and replaces one that dies", async () => {
  const [port] = childPorts(1) as [number];
  server = await startChild("server", "server/dist/main.js", port, { PORT: String(port), WEB_CONCURRENCY: "2" });
  const processes = await waitFor(
    async () => {
      const children = childrenOf(server.pid);
      return children.length === 2 ? children : undefined;
    },
    20_000,
    "two server processes",
  );

  // New connections are handed to the processes in turn: both do work.
  const before = processes.map(cpuTicks);
  for (let i = 0; i < 400; i++) {
    expect(await getOnNewConnection(`${server.url}/_health/ready`)).toBe(200);
  }
  const after = processes.map(cpuTicks);
  expect(after[0]).toBeGreaterThan(before[0] as number);
  expect(after[1]).toBeGreaterThan(before[1] as number);

  // One dies: a new one takes its place.
  process.kill(processes[0] as number, "SIGKILL");
  await waitFor(
    async () => {
      const children = childrenOf(server.pid);
      return children.length === 2 && !children.includes(processes[0] as number) ? true : undefined;
    },
    20_000,
    "a replacement server process",
  );
  await waitFor(
    async () => (await fetch(`${server.url}/_health/ready`).catch(() => undefined))?.status === 200 || undefined,
    20_000,
    "ready",
  );

  // SIGTERM stops them all, and the first process exits 0.
  await server.stop();
  expect(server.exitCode()).toBe(0);
});
