import { z } from "zod";

/** Sentry's rule for versions: no slashes-only, no whitespace around, not "." or "..". */
export const releaseVersion = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((value) => value !== "." && value !== ".." && !/[\n\r\t\f\v]/.test(value), "not a valid release version");

const dateTime = z.iso
  .datetime({ offset: true, local: true })
  .transform((value) => new Date(value))
  .refine((value) => !Number.isNaN(value.getTime()), "not a date");

/** A project by slug, or by numeric id as sentry-cli sometimes sends it. */
const projectRef = z.union([z.string().trim().min(1).max(100), z.number().int().positive().transform(String)]);

const commit = z.object({
  id: z.string().trim().min(1).max(64),
  repository: z.string().max(200).optional(),
  message: z.string().max(10_000).nullish(),
  author_name: z.string().max(200).nullish(),
  author_email: z.string().max(200).nullish(),
  timestamp: z.string().max(64).nullish(),
});

const ref = z.object({
  repository: z.string().max(200),
  commit: z.string().trim().min(1).max(128),
  previousCommit: z.string().max(128).nullish(),
});

/** `POST /organizations/{org}/releases/` (`sentry-cli releases new`). */
export const newReleaseBody = z.object({
  version: releaseVersion,
  projects: z.array(projectRef).max(100).default([]),
  ref: z.string().max(200).nullish(),
  url: z.string().max(2048).nullish(),
  dateStarted: dateTime.nullish(),
  dateReleased: dateTime.nullish(),
  commits: z.array(commit).max(10_000).optional(),
  refs: z.array(ref).max(100).optional(),
});

/** `PUT .../releases/{version}/` (`finalize`, `set-commits`, `archive`). */
export const updateReleaseBody = z.object({
  projects: z.array(projectRef).max(100).optional(),
  ref: z.string().max(200).nullish(),
  url: z.string().max(2048).nullish(),
  dateReleased: dateTime.nullish(),
  commits: z.array(commit).max(10_000).optional(),
  refs: z.array(ref).max(100).optional(),
  status: z.enum(["open", "archived"]).optional(),
});

/** `POST /organizations/{org}/releases/{version}/deploys/` (`sentry-cli deploys new`). */
export const newDeployBody = z.object({
  environment: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[^\n\r\f/]*$/, "not a valid environment name"),
  name: z.string().max(200).nullish(),
  url: z.string().max(2048).nullish(),
  dateStarted: dateTime.nullish(),
  dateFinished: dateTime.nullish(),
  projects: z.array(projectRef).max(100).optional(),
});

const sha1 = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{40}$/, "must be a SHA-1 checksum (40 hex characters)");

/** `POST /organizations/{org}/artifactbundle/assemble/` (`sentry-cli sourcemaps upload`). */
export const assembleBundleBody = z.object({
  checksum: sha1,
  chunks: z.array(sha1).max(10_000),
  projects: z.array(projectRef).min(1, "at least one project").max(100),
  version: releaseVersion.nullish(),
  dist: z.string().trim().max(64).nullish(),
});

/** `POST /organizations/{org}/releases/{version}/assemble/` (sentry-cli 2.x with no project). */
export const assembleReleaseBody = z.object({ checksum: sha1, chunks: z.array(sha1).max(10_000) });

/**
 * `POST /projects/{org}/{project}/files/difs/assemble/`: native debug files by checksum, each
 * `{name, debug_id, chunks}`.
 */
export const assembleDifsBody = z
  .record(
    sha1,
    z.object({
      name: z.string().max(4096),
      debug_id: z.string().max(128).nullish(),
      chunks: z.array(sha1).max(10_000),
    }),
  )
  .refine((files) => Object.keys(files).length <= 10_000, "at most 10000 files");

export type NewReleaseBody = z.infer<typeof newReleaseBody>;
export type UpdateReleaseBody = z.infer<typeof updateReleaseBody>;
export type NewDeployBody = z.infer<typeof newDeployBody>;
export type AssembleBundleBody = z.infer<typeof assembleBundleBody>;
