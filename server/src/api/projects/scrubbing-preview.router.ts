import {
  DEFAULT_SCRUB_SETTINGS,
  deriveEventFields,
  generateEventId,
  normalizeEventFields,
  scrubEvent,
  type ScrubSettings,
} from "@faultline/core";
import type { Database } from "@faultline/db";
import { Router } from "express";
import { z } from "zod";
import type { Access } from "../access";
import { requirePrincipal } from "../principal";
import { parse } from "../validate";

const previewBody = z.object({
  /** An event as an SDK would send it. */
  event: z.record(z.string(), z.unknown()),
  /** Settings to try instead of the project's saved ones (any subset). */
  settings: z
    .object({
      dataScrubber: z.boolean(),
      dataScrubberDefaults: z.boolean(),
      sensitiveFields: z.array(z.string().max(200)).max(200),
      safeFields: z.array(z.string().max(200)).max(200),
      scrubIPAddresses: z.boolean(),
      scrubEmails: z.boolean(),
    })
    .partial()
    .optional(),
});

/**
 * POST /api/0/projects/{org}/{project}/scrubbing-preview/ — what the worker would store for
 * this event under the project's data-scrubbing settings (or the ones given), so people can try
 * rules before saving them. Nothing is stored.
 */
export function createScrubbingPreviewRouter({ db, access }: { db: Database; access: Access }): Router {
  const router = Router();
  router.post("/projects/:org/:project/scrubbing-preview/", async (req, res) => {
    const { project } = await access.project(requirePrincipal(res), req.params.org, req.params.project, "read");
    const body = parse(previewBody, req.body);
    const saved = await db.project.findUniqueOrThrow({ where: { id: project.id } });
    const wanted = body.settings ?? {};
    const settings: ScrubSettings = {
      ...DEFAULT_SCRUB_SETTINGS,
      enabled: wanted.dataScrubber ?? saved.dataScrubber,
      useDefaults: wanted.dataScrubberDefaults ?? saved.dataScrubberDefaults,
      sensitiveFields: wanted.sensitiveFields ?? saved.sensitiveFields,
      safeFields: wanted.safeFields ?? saved.safeFields,
      scrubIpAddresses: wanted.scrubIPAddresses ?? saved.scrubIpAddresses,
      scrubEmails: wanted.scrubEmails ?? saved.scrubEmails,
    };
    // As processing does: scrub the fields, then derive title, culprit and tags from what is left.
    const fields = normalizeEventFields(body.event, { eventId: generateEventId(), receivedAt: Date.now() });
    res.json({ event: deriveEventFields(scrubEvent(fields, settings)), settings });
  });
  return router;
}
