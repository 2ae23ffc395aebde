import { createHash } from "node:crypto";
import type { Database } from "./client";

export interface AttachmentInput {
  projectId: number;
  eventId: string;
  filename: string;
  contentType: string;
  attachmentType: string;
  data: Buffer;
}

export interface SessionBucketInput {
  projectId: number;
  bucket: Date;
  release: string;
  environment: string;
  total: number;
  errored: number;
  crashed: number;
  abnormal: number;
}

export interface SessionUserInput {
  projectId: number;
  release: string;
  environment: string;
  did: string;
  crashed: boolean;
}

export interface FeedbackInput {
  projectId: number;
  feedbackId: string;
  eventId: string | null;
  name: string;
  email: string;
  comments: string;
  url: string | null;
  source: string;
}

/** Storage for the envelope items that are not events. Every write is idempotent under job retries. */
export function createIngestItemsRepo(db: Database) {
  return {
    async storeAttachment(input: AttachmentInput): Promise<void> {
      const sha1 = createHash("sha1").update(input.data).digest("hex");
      // Attachments are partitioned by day of arrival, so the unique key includes created_at: a job
      // run again (a retry, a replay of a failed job within FAILED_JOB_RETENTION_HOURS) is found by
      // looking at the last few days' partitions.
      await db.$executeRaw`
        INSERT INTO attachment (project_id, event_id, filename, content_type, attachment_type, size, sha1, data)
        SELECT ${input.projectId}, ${input.eventId}::uuid, ${input.filename}, ${input.contentType},
               ${input.attachmentType}, ${input.data.length}, ${sha1}, ${input.data}
        WHERE NOT EXISTS (
          SELECT 1 FROM attachment WHERE project_id = ${input.projectId} AND event_id = ${input.eventId}::uuid
            AND filename = ${input.filename} AND sha1 = ${sha1} AND created_at >= now() - interval '4 days')
        ON CONFLICT (project_id, event_id, filename, sha1, created_at) DO NOTHING`;
    },

    async addSessionBuckets(rows: SessionBucketInput[]): Promise<void> {
      for (const row of rows) {
        await db.$executeRaw`
          INSERT INTO session_stat (project_id, bucket, release, environment, total, errored, crashed, abnormal)
          VALUES (${row.projectId}, ${row.bucket}, ${row.release}, ${row.environment}, ${row.total}, ${row.errored},
                  ${row.crashed}, ${row.abnormal})
          ON CONFLICT (project_id, bucket, release, environment) DO UPDATE SET
            total = session_stat.total + EXCLUDED.total,
            errored = session_stat.errored + EXCLUDED.errored,
            crashed = session_stat.crashed + EXCLUDED.crashed,
            abnormal = session_stat.abnormal + EXCLUDED.abnormal`;
      }
    },

    /** Records distinct users per release and environment; a user who once crashed stays crashed. */
    async addSessionUsers(rows: SessionUserInput[]): Promise<void> {
      if (rows.length === 0) return;
      await db.$executeRaw`
        INSERT INTO release_session_user AS su (project_id, release, environment, did, crashed)
        SELECT * FROM unnest(${rows.map((r) => r.projectId)}::int[], ${rows.map((r) => r.release)}::text[],
                             ${rows.map((r) => r.environment)}::text[], ${rows.map((r) => r.did)}::text[],
                             ${rows.map((r) => r.crashed)}::boolean[])
        ON CONFLICT (project_id, release, environment, did) DO UPDATE SET
          crashed = true
          WHERE EXCLUDED.crashed AND NOT su.crashed`;
    },

    /** Stores feedback once per id, linked to its event's issue when the event is already stored. */
    async storeFeedback(input: FeedbackInput): Promise<void> {
      await db.$executeRaw`
        INSERT INTO user_feedback (project_id, feedback_id, event_id, issue_id, name, email, comments, url, source)
        VALUES (${input.projectId}, ${input.feedbackId}::uuid, ${input.eventId}::uuid,
                (SELECT issue_id FROM event WHERE project_id = ${input.projectId} AND event_id = ${input.eventId}::uuid LIMIT 1),
                ${input.name}, ${input.email}, ${input.comments}, ${input.url}, ${input.source})
        ON CONFLICT (project_id, feedback_id) DO NOTHING`;
    },
  };
}

export type IngestItemsRepo = ReturnType<typeof createIngestItemsRepo>;
