import { JOB_NAMES, dashedEventId, generateEventId, normalizeEventId, type QueuedJob } from "@faultline/core";
import type { Request, Response } from "express";
import { gunzipSync } from "node:zlib";
import { authenticate } from "./authenticate";
import { eventJob } from "./event-payload";
import type { IngestDeps } from "./ingest.router";
import { IngestError } from "./ingest-error";
import { setProject } from "./invalid-outcomes";
import { multipartBoundary, parseMultipart } from "./multipart";
import { emptyPlan } from "./plan";
import { readBody } from "./read-body";
import { readRequestAuth } from "./request-auth";
import { submitPlan } from "./submit";
import { newBlobKey } from "@faultline/runtime";

/**
 * `/minidump/` (Breakpad, Crashpad, Electron): the dump is kept as an `event.minidump`
 * attachment of a placeholder native crash event (not symbolicated). The answer is the dashed
 * event id as text, which crash reporters read; never 429, since they retry forever (§2.5).
 */
export function createMinidumpRoute(deps: IngestDeps) {
  return async (req: Request<{ projectId: string }>, res: Response): Promise<void> => {
    const key = await authenticate(req.params.projectId, { request: readRequestAuth(req) }, deps.keys);
    setProject(res, key.projectId);
    const boundary = multipartBoundary(req.headers["content-type"]);
    const body = await readBody(req, {
      maxCompressed: deps.limits.maxCompressed,
      maxDecompressed: deps.limits.maxAttachmentBytes,
    });
    let dump = body;
    let extra: Record<string, unknown> = {};
    const files: { name: string; data: Buffer; contentType: string | undefined }[] = [];
    if (boundary) {
      const parts = parseMultipart(body, boundary);
      const dumpPart = parts.find((part) => part.name === "upload_file_minidump");
      if (!dumpPart) throw new IngestError(400, "missing minidump upload (upload_file_minidump)");
      dump = dumpPart.data;
      const sentry = parts.find((part) => part.name === "sentry");
      if (sentry) extra = parseSentryField(sentry.data);
      for (const part of parts) {
        if (part !== dumpPart && part.filename !== undefined)
          files.push({ name: part.filename || part.name, data: part.data, contentType: part.contentType });
      }
    }
    dump = unwrapGzip(dump, deps.limits.maxAttachmentBytes);
    const magic = dump.subarray(0, 4).toString("latin1");
    if (magic !== "MDMP" && magic !== "PMDM") throw new IngestError(400, "invalid minidump: missing MDMP header");
    const eventId = normalizeEventId(extra.event_id) ?? generateEventId();
    await queueCrash(deps, key, req, eventId, extra, [
      { name: "upload_file_minidump.dmp", data: dump, contentType: "application/x-dmp", type: "event.minidump" },
      ...files.map((file) => ({ ...file, type: "event.attachment" })),
    ]);
    res.status(200).type("text/plain").send(dashedEventId(eventId));
  };
}

/** `/unreal/{key}/`: the crash report container is kept whole as an attachment of a placeholder event. */
export function createUnrealRoute(deps: IngestDeps) {
  return async (req: Request<{ projectId: string; sentryKey: string }>, res: Response): Promise<void> => {
    const request = { publicKey: req.params.sentryKey, version: 7, client: null };
    const key = await authenticate(req.params.projectId, { request }, deps.keys);
    setProject(res, key.projectId);
    const body = await readBody(req, {
      maxCompressed: deps.limits.maxCompressed,
      maxDecompressed: deps.limits.maxAttachmentBytes,
    });
    if (body.length === 0) throw new IngestError(400, "empty request body");
    const eventId = generateEventId();
    await queueCrash(deps, key, req, eventId, {}, [
      { name: "crash.uecrash", data: body, contentType: "application/octet-stream", type: "unreal.crash" },
    ]);
    res.status(200).type("text/plain").send(dashedEventId(eventId));
  };
}

interface CrashFile {
  name: string;
  data: Buffer;
  contentType: string | undefined;
  type: string;
}

async function queueCrash(
  deps: IngestDeps,
  key: Awaited<ReturnType<typeof authenticate>>,
  req: Request,
  eventId: string,
  base: Record<string, unknown>,
  files: CrashFile[],
): Promise<void> {
  const context = { projectId: key.projectId, receivedAt: Date.now(), clientIp: req.ip };
  const event = {
    platform: "native",
    level: "fatal",
    ...base,
    exception: {
      values: [
        { type: "Minidump", value: "native crash (not symbolicated)", mechanism: { type: "minidump", handled: false } },
      ],
    },
  };
  const plan = emptyPlan(key.projectId);
  const dependents: QueuedJob[] = files.map((file) => {
    const blobKey = newBlobKey();
    plan.blobs.set(blobKey, file.data);
    return {
      name: JOB_NAMES.storeAttachment,
      data: {
        projectId: key.projectId,
        eventId,
        receivedAt: context.receivedAt,
        filename: file.name.slice(0, 256),
        contentType: file.contentType ?? "application/octet-stream",
        attachmentType: file.type,
        blobKey,
      },
    };
  });
  plan.limited.push({ category: "error", event: eventJob(event, context, eventId), dependents });
  // Crash reporters retry forever: a rate-limited crash is dropped (and counted), never answered 429.
  await submitPlan(deps, key, plan);
}

function parseSentryField(data: Buffer): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(data.toString("utf8"));
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function unwrapGzip(data: Buffer, maxBytes: number): Buffer {
  if (data[0] !== 0x1f || data[1] !== 0x8b) return data;
  try {
    return gunzipSync(data, { maxOutputLength: maxBytes });
  } catch {
    throw new IngestError(400, "invalid minidump: gzip data does not decode within the size limit");
  }
}
