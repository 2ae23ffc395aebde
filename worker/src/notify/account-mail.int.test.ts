import { ACCOUNT_MAIL_JOB_NAME, ALERTS_QUEUE, renderAccountMail } from "@faultline/core";
import type { Database } from "@faultline/db";
import { createProducerRedis, enqueueAccountMail } from "@faultline/runtime";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { testNotifySettings } from "../../../test/support/alerts";
import { openDatabase, resetState, startTestWorker, testUrls, waitFor } from "../../../test/support/harness";
import { startSmtpReceiver, type SmtpReceiver } from "../../../test/support/notify-receivers";
import type { RunningWorker } from "../runtime";

let db: Database;
let redis: Redis;
let smtp: SmtpReceiver;
let worker: RunningWorker;
let queue: Queue;

beforeAll(() => {
  db = openDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});
beforeEach(async () => {
  await resetState(db);
  smtp = await startSmtpReceiver();
  redis = createProducerRedis(testUrls().redisUrl);
  queue = new Queue(ALERTS_QUEUE, { connection: redis });
  worker = startTestWorker(db, 2, {
    notify: testNotifySettings({ email: { smtpUrl: smtp.url, from: "Faultline <accounts@faultline.example.com>" } }),
  });
});
afterEach(async () => {
  await worker.close();
  await queue.close();
  redis.disconnect();
  await smtp.close();
});

const mail = (to: string) => ({
  to,
  ...renderAccountMail({
    subject: "Reset your Faultline password",
    paragraphs: ["Someone asked to reset the password of <your> account."],
    action: { label: "Choose a new password", url: "https://faultline.example.com/reset/?token=abc" },
  }),
});

it("sends a queued account email through SMTP, text and HTML, and removes the job", async () => {
  await enqueueAccountMail(redis, mail("ana@example.com"));
  const received = await waitFor(async () => smtp.mails[0], 15_000, "the email");
  expect(received.to).toEqual(["ana@example.com"]);
  expect(received.from).toBe("accounts@faultline.example.com");
  expect(received.parsed.subject).toBe("Reset your Faultline password");
  expect(received.parsed.text).toContain("Choose a new password: https://faultline.example.com/reset/?token=abc");
  expect(received.parsed.html).toContain("the password of &lt;your&gt; account");
  // The link is single-use: nothing of the message stays in Redis once it is sent.
  await waitFor(async () => (await queue.getJobCounts("completed", "active", "waiting")).active === 0, 10_000);
  const jobs = await queue.getJobs(["completed", "waiting", "active", "delayed", "failed"]);
  expect(jobs.filter((job) => job.name === ACCOUNT_MAIL_JOB_NAME)).toEqual([]);
});

it("retries after a temporary refusal and gives up at once on a permanent one", async () => {
  smtp.refuseRecipient("later@example.com", 450, "mailbox busy");
  smtp.refuseRecipient("never@example.com", 550, "no such mailbox");
  await enqueueAccountMail(redis, mail("later@example.com"));
  await enqueueAccountMail(redis, mail("never@example.com"));
  const failed = await waitFor(
    async () => (await queue.getFailed()).find((job) => job.data.to === "never@example.com"),
    15_000,
    "the refused email to fail",
  );
  expect(failed.attemptsMade).toBe(1);
  smtp.refuseRecipient("later@example.com", 0, "");
  await waitFor(async () => smtp.mails.find((m) => m.to.includes("later@example.com")), 15_000, "the retried email");
});

it("refuses a message the worker would not accept before queueing it", async () => {
  await expect(enqueueAccountMail(redis, { ...mail("ana@example.com"), to: "not an address" })).rejects.toThrow();
});
