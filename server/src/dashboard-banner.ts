import type { Logger } from "@faultline/runtime";

export interface DashboardBannerOptions {
  publicUrl: string;
  /** Whether web/dist holds a build to serve. */
  built: boolean;
  countUsers: () => Promise<number>;
  log: Logger;
  /** Where a person reads: a plain-text copy goes here when the logs go to a terminal. */
  terminal?: NodeJS.WritableStream;
}

/**
 * Says once, in words, where the dashboard is, and while no account exists that the first visit
 * creates the admin account: JSON logs alone leave a new install guessing. A database that
 * cannot be asked yet leaves the second part out rather than holding up the start.
 */
export async function announceDashboard(options: DashboardBannerOptions): Promise<void> {
  const { publicUrl, log } = options;
  if (!options.built) {
    log.warn({ publicUrl }, "the dashboard is not built (web/dist): run `npm run build` to serve it");
    return;
  }
  const firstVisit = await options.countUsers().then(
    (count) => count === 0,
    () => false,
  );
  const message = firstVisit
    ? `Dashboard: ${publicUrl} — the first visit creates the admin account`
    : `Dashboard: ${publicUrl}`;
  log.info({ publicUrl, firstVisit }, message);
  options.terminal?.write(`\n  ${message}\n\n`);
}
