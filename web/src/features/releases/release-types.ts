import type { Release, ReleaseHealth } from "../../api/types";

/** The release detail's health adds users to the list's sessions (Sentry's healthData). */
export type ReleaseHealthDetail = ReleaseHealth & {
  crashFreeUsers?: number | null;
  totalUsers?: number | null;
  sessionsCrashed?: number;
};

export type ReleaseDetail = Omit<Release, "projects"> & {
  projects: (Release["projects"][number] & { healthData?: ReleaseHealthDetail })[];
};

/** One commit of `/releases/{version}/commits/` (Sentry's shape). */
export interface ReleaseCommit {
  id: string;
  message: string | null;
  dateCreated: string;
  author: { name?: string; email?: string };
  repository: { name?: string };
}

/** A legacy release file (`/releases/{version}/files/`): one URL per dist. */
export interface ReleaseFile {
  id: string;
  name: string;
  dist: string | null;
  size: number;
  dateCreated: string;
}

/** An artifact bundle (`/files/artifact-bundles/?query={release}`). */
export interface ArtifactBundle {
  bundleId: string;
  date: string;
  fileCount: number;
  size?: number;
  associations: { release: string; dist: string | null }[];
}

/** An issue first seen in the release (`/releases/{version}/new-issues/`). */
export interface NewIssue {
  id: string;
  shortId: string;
  title: string;
  culprit: string;
  level: string;
  status: string;
  count: string;
  userCount: number;
  lastSeen: string;
}
