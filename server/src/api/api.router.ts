import { createAlertsQueue, createArtifactStore } from "@faultline/runtime";
import express, { Router } from "express";
import { createAuthenticate } from "../auth/authenticate";
import type { CookieOptions } from "../auth/cookies";
import { createCsrfCheck } from "../auth/csrf";
import { createLoginRateLimit } from "../auth/login-rate-limit";
import { createSsoRouter } from "../auth/oidc/sso.router";
import { createSsoService } from "../auth/oidc/sso.service";
import { createTwoFactorRouter } from "../auth/two-factor/two-factor.router";
import { createTwoFactorService } from "../auth/two-factor/two-factor.service";
import { createAccess } from "./access";
import { createAccountsRouter } from "./accounts/accounts.router";
import { createAccountsService } from "./accounts/accounts.service";
import { createSelfServiceRouter } from "./accounts/self-service.router";
import { createArtifactBundlesRouter } from "./artifact-uploads/artifact-bundles.router";
import { createBundleAssembler } from "./artifact-uploads/assemble-bundle";
import { createChunkUploadRouter } from "./artifact-uploads/chunk-upload.router";
import { createReleaseAssembler } from "./artifact-uploads/assemble-release";
import { createDebugFilesRouter } from "./artifact-uploads/debug-files.router";
import { createReleaseFilesRouter } from "./artifact-uploads/release-files.router";
import { createReleaseCommitsRouter } from "./releases/release-commits.router";
import { createReleaseDetailRouter } from "./releases/release-detail.router";
import { createReleasesRouter } from "./releases/releases.router";
import type { ApiDeps } from "./api-deps";
import { createApiErrorHandler } from "./api-error-handler";
import { notFound } from "./api-error";
import { createAccountAuditTrail, createAuditTrail } from "./audit";
import { createAuditLogRouter } from "./audit-log/audit-log.router";
import { createExportRouter } from "./export/export.router";
import { createFeedbackRouter } from "./feedback/feedback.router";
import { createMonitorsRouter } from "./monitors/monitors.router";
import { createProjectAlertsRouter } from "./alert-rules/project-alerts";
import { createStatsRouter } from "./stats/stats.router";
import { createSystemRouter } from "./system/system.router";
import { createTagsRouter } from "./tags/tags.router";
import { createSavedSearchesRouter } from "./saved-searches/saved-searches.router";
import { createUsersRouter } from "./users/users.router";
import { createEventsRouter } from "./events/events.router";
import { createProjectEventsRouter } from "./events/project-events.router";
import { createIssueDetailsRouter } from "./issues/issue-details.router";
import { createIssuesRouter } from "./issues/issues.router";
import { createIssuesService } from "./issues/issues.service";
import { createWorkflowNotices } from "./issues/workflow-notices";
import { createSubscriptionsRouter } from "./subscriptions/subscriptions.router";
import { createOrgIssuePathsRouter } from "./issues/org-issue-paths";
import { createInvitesService } from "./invites/invites.service";
import { createMembersRouter } from "./members/members.router";
import { createOrganizationsRouter } from "./organizations/organizations.router";
import { createOrganizationSettingsRouter } from "./organizations/organization-settings.router";
import { createProjectsRouter } from "./projects/projects.router";
import { createScrubbingPreviewRouter } from "./projects/scrubbing-preview.router";
import { createTeamsRouter } from "./teams/teams.router";
import { createTokensRouter } from "./tokens/tokens.router";
import { createTokensService } from "./tokens/tokens.service";

/**
 * The web API under /api/0/: Sentry's paths and shapes. Its own middleware — a JSON body parser
 * with a size limit, authentication (session cookie or bearer token), CSRF for cookie writes —
 * and its own error handler. Ingest never passes through here.
 */
export function createApiRouter(deps: ApiDeps, pathPrefix: string): Router {
  const { db, redis, log, settings } = deps;
  const cookies: CookieOptions = {
    secure: new URL(settings.publicUrl).protocol === "https:",
    path: `${pathPrefix}/`,
  };
  const access = createAccess(db);
  const audit = createAuditTrail(db);
  const router = Router();
  router.use((_req, res, next) => {
    // API answers are per-user: never let a shared cache keep them.
    res.setHeader("Cache-Control", "private, no-store");
    next();
  });
  router.use(express.json({ limit: settings.maxBodyBytes }));
  router.use(createAuthenticate(db));
  router.use(createCsrfCheck(settings.publicUrl));

  const loginLimit = createLoginRateLimit(redis, settings.loginMaxAttempts, settings.loginWindowSeconds);
  // The code step of a two-factor sign-in counts its own attempts (see createTwoFactorService).
  const codeLimit = createLoginRateLimit(redis, settings.loginMaxAttempts, settings.loginWindowSeconds, "fl:2fa");
  const twoFactor = createTwoFactorService({ db, redis, issuer: "Faultline", limit: codeLimit });
  const accounts = createAccountsService({
    db,
    loginLimit,
    sessionTtlHours: settings.sessionTtlHours,
    secondStep: twoFactor,
  });
  const auditAccount = createAccountAuditTrail(db);
  router.use(createAccountsRouter(accounts, cookies, settings.publicUrl, auditAccount));
  const invites = createInvitesService({
    db,
    redis,
    publicUrl: settings.publicUrl,
    emailConfigured: settings.emailConfigured ?? false,
    expiryDays: settings.inviteExpiryDays ?? 7,
    retry: settings.notifyRetry,
  });
  router.use(
    createSelfServiceRouter({
      db,
      redis,
      log,
      accounts,
      invites,
      audit,
      auditAccount,
      cookies,
      publicUrl: settings.publicUrl,
      emailConfigured: settings.emailConfigured ?? false,
      retry: settings.notifyRetry,
    }),
  );
  const redirectUri = `${settings.publicUrl}/api/0/auth/oidc/callback/`;
  const sso = settings.oidc ? createSsoService({ db, redis, settings: settings.oidc, redirectUri }) : undefined;
  router.use(createSsoRouter({ sso, accounts, twoFactor, cookies, publicUrl: settings.publicUrl, redirectUri }));
  router.use(
    createTwoFactorRouter({
      service: twoFactor,
      accounts,
      cookies,
      publicUrl: settings.publicUrl,
      audit: auditAccount,
    }),
  );
  router.use(createTokensRouter(createTokensService(db), auditAccount));
  const resources = { db, access, audit, publicUrl: settings.publicUrl };
  router.use(createOrganizationsRouter(resources));
  router.use(createMembersRouter({ ...resources, invites }));
  router.use(createAuditLogRouter(resources));
  const keyChanges = deps.keyChanges ?? (() => Promise.resolve());
  router.use(createOrganizationSettingsRouter({ ...resources, keyChanges }));
  router.use(createProjectsRouter({ ...resources, keyChanges }));
  const resolvedQueue = createAlertsQueue(redis, settings.notifyRetry);
  const workflow = createWorkflowNotices({
    db,
    redis,
    log,
    publicUrl: settings.publicUrl,
    emailConfigured: settings.emailConfigured ?? false,
    retry: settings.notifyRetry,
  });
  const issues = createIssuesService({
    db,
    publicUrl: settings.publicUrl,
    workflow,
    // The issue is resolved either way: a queue outage costs the PagerDuty/Opsgenie close, logged.
    onResolved: (resolved) =>
      resolvedQueue.issuesResolved(resolved).catch((error: unknown) => {
        log.warn({ err: error, issues: resolved.length }, "resolve notifications not queued");
      }),
  });
  // Before every issue route: it maps /organizations/{org}/issues/{id}/... onto /issues/{id}/...
  router.use(createOrgIssuePathsRouter({ db, access, issues }));
  router.use(createIssuesRouter({ ...resources, issues }));
  router.use(createIssueDetailsRouter({ ...resources, workflow }));
  router.use(createSubscriptionsRouter({ db }));
  router.use(createExportRouter(resources));
  router.use(createEventsRouter(resources));
  router.use(createProjectEventsRouter(resources));
  router.use(createTeamsRouter(resources));
  router.use(createFeedbackRouter(resources));
  router.use(createMonitorsRouter(resources));
  router.use(createUsersRouter({ ...resources, issues }));
  router.use(createStatsRouter(resources));
  router.use(createTagsRouter(resources));
  router.use(createSavedSearchesRouter(resources));
  router.use(createScrubbingPreviewRouter({ db, access }));
  router.use(
    createProjectAlertsRouter({
      db,
      redis,
      access,
      audit,
      publicUrl: settings.publicUrl,
      retry: settings.notifyRetry,
    }),
  );
  router.use(createSystemRouter({ db, redis, log, settings }));
  router.use(createReleaseCommitsRouter(resources));
  router.use(createReleaseDetailRouter(resources));
  router.use(createReleasesRouter(resources));
  const store = createArtifactStore(settings.artifactsDir);
  const maxBytes = settings.artifactMaxBytes;
  router.use(createChunkUploadRouter({ access, store, publicUrl: settings.publicUrl, maxFileBytes: maxBytes }));
  const assemble = createBundleAssembler({ db, redis, store, maxBytes });
  router.use(createArtifactBundlesRouter({ db, access, assemble }));
  const assembleRelease = createReleaseAssembler({ db, redis, store, maxBytes });
  router.use(createReleaseFilesRouter({ db, access, audit, store, maxBytes, assembleRelease }));
  router.use(createDebugFilesRouter({ access }));

  router.use(() => {
    throw notFound("Unknown API endpoint");
  });
  router.use(createApiErrorHandler(log));
  return router;
}
