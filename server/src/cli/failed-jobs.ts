import { INGEST_QUEUE } from "@faultline/core";
import { createWorkerRedis, replayFailedJob } from "@faultline/runtime";
import { Queue } from "bullmq";
import { summarizeFailedJob } from "../api/system/queue-status";
import { readCliConfig, type Command } from "./command";

const PAGE = 1000;

/**
 * Lists the jobs that failed their last attempt (kept by design) and, with --replay, puts them
 * back on the queue with a full set of attempts. Shows ids, names and reasons only: job data is an unscrubbed event.
 */
export const failedJobsCommand: Command = {
  options: { replay: { type: "boolean", default: false } },
  async run(values, { env, out }) {
    const config = readCliConfig(env);
    const connection = createWorkerRedis(config.REDIS_URL);
    const queue = new Queue(INGEST_QUEUE, { connection });
    try {
      const jobs = await queue.getFailed(0, PAGE - 1);
      const rows = jobs.map((job) => {
        const { queue: _queue, ...row } = summarizeFailedJob(INGEST_QUEUE, job);
        return row;
      });
      if (values.replay) for (const job of jobs) await replayFailedJob(job);
      if (values.json) {
        out(`${JSON.stringify({ failed: rows, replayed: values.replay ? rows.length : 0 })}\n`);
        return;
      }
      if (rows.length === 0) out("No failed jobs.\n");
      for (const row of rows)
        out(
          `${row.id}  ${row.name}  project=${String(row.projectId)}  attempts=${row.attempts}  ${row.failedAt ?? ""}\n  ${row.reason}\n`,
        );
      if (values.replay && rows.length > 0) out(`Replayed ${rows.length} job(s).\n`);
    } finally {
      await queue.close();
      await connection.quit().catch(() => undefined);
    }
  },
};
