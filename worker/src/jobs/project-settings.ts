import { parseFingerprintRules, type FingerprintRule, type ScrubSettings } from "@faultline/core";
import type { Database } from "@faultline/db";

export interface ProcessingSettings {
  scrub: ScrubSettings;
  fingerprintRules: FingerprintRule[];
}

const TTL_MS = 30_000;

/**
 * The project settings processing needs (scrubbing, fingerprint rules), cached briefly so a
 * settings change applies within seconds without a query per event.
 */
export function createProjectSettingsCache(db: Database) {
  const cache = new Map<number, { value: Promise<ProcessingSettings>; expiresAt: number }>();

  async function load(projectId: number): Promise<ProcessingSettings> {
    const project = await db.project.findUnique({
      where: { id: projectId },
      select: {
        dataScrubber: true,
        dataScrubberDefaults: true,
        sensitiveFields: true,
        safeFields: true,
        scrubIpAddresses: true,
        scrubEmails: true,
        fingerprintingRules: true,
      },
    });
    if (!project) throw new ProjectGoneError(projectId);
    return {
      scrub: {
        enabled: project.dataScrubber,
        useDefaults: project.dataScrubberDefaults,
        sensitiveFields: project.sensitiveFields,
        safeFields: project.safeFields,
        scrubIpAddresses: project.scrubIpAddresses,
        scrubEmails: project.scrubEmails,
      },
      // Invalid lines were refused when the rules were saved; any left are skipped here.
      fingerprintRules: parseFingerprintRules(project.fingerprintingRules).rules,
    };
  }

  return {
    get(projectId: number): Promise<ProcessingSettings> {
      const now = Date.now();
      const hit = cache.get(projectId);
      if (hit && hit.expiresAt > now) return hit.value;
      const value = load(projectId);
      cache.set(projectId, { value, expiresAt: now + TTL_MS });
      value.catch(() => cache.delete(projectId));
      return value;
    },
  };
}

export type ProjectSettingsCache = ReturnType<typeof createProjectSettingsCache>;

/** The project was deleted after the event was accepted: nothing to store it under. */
export class ProjectGoneError extends Error {
  constructor(projectId: number) {
    super(`project ${projectId} no longer exists`);
  }
}
