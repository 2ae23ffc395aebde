import { blockedHost, cspMessage, normalizeDirective, policyEntry } from "./csp-message";

export class SecurityReportError extends Error {
  override readonly name = "SecurityReportError";
  constructor(
    message: string,
    readonly status: 400 | 415 = 400,
  ) {
    super(message);
  }
}

/** Content types browsers post security reports with (Relay's list, plus the Reporting API's). */
const REPORT_CONTENT_TYPES = new Set([
  "application/json",
  "application/csp-report",
  "application/expect-ct-report",
  "application/expect-ct-report+json",
  "application/expect-staple-report",
  "application/reports+json",
]);

export function isReportContentType(header: string | undefined): boolean {
  const type = (header ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return REPORT_CONTENT_TYPES.has(type);
}

export interface ReportContext {
  userAgent?: string | undefined;
  release?: string | undefined;
  environment?: string | undefined;
}

type Json = Record<string, unknown>;

/**
 * Turns a browser security report body into Sentry-shaped events (sentry-protocol.md §2.4).
 * CSP violations carry a `csp` interface and the fingerprint ["csp", directive, blocked host],
 * so each kind of violation is one issue whatever page it happened on.
 */
export function securityReportEvents(body: unknown, context: ReportContext): Json[] {
  const reports = Array.isArray(body) ? body.map(reportingApiToLegacy) : [body];
  if (reports.length === 0) throw new SecurityReportError("empty security report");
  if (reports.length > 100) throw new SecurityReportError("too many reports in one request");
  return reports.map((report) => withContext(toEvent(report), context));
}

function toEvent(report: unknown): Json {
  if (!isObject(report)) throw new SecurityReportError("security report must be a JSON object");
  const csp = report["csp-report"];
  if (isObject(csp)) return cspEvent(csp);
  const expectCt = report["expect-ct-report"];
  if (isObject(expectCt)) return certificateEvent("expectct", "Expect-CT failed", expectCt);
  const staple = report["expect-staple-report"];
  if (isObject(staple)) return certificateEvent("expectstaple", "Expect-Staple failed", staple);
  if (Array.isArray(report["known-pins"]) || "effective-expiration-date" in report)
    return certificateEvent("hpkp", "Public key pinning validation failed", report);
  throw new SecurityReportError(
    "unknown security report: expected csp-report, expect-ct-report, expect-staple-report or an HPKP report",
  );
}

function cspEvent(report: Json): Json {
  const interfaceData: Json = {};
  for (const [key, value] of Object.entries(report)) interfaceData[key.replace(/-/g, "_")] = value;
  const rawDirective = str(report["effective-directive"]) || str(report["violated-directive"]);
  if (!rawDirective) throw new SecurityReportError("csp-report has no effective-directive or violated-directive");
  const directive = normalizeDirective(rawDirective);
  const blockedUri = str(report["blocked-uri"]);
  const host = blockedHost(blockedUri);
  const documentUri = str(report["document-uri"]);
  const headers: [string, string][] = [];
  const referrer = str(report.referrer);
  if (referrer) headers.push(["Referer", referrer]);
  return {
    logger: "csp",
    level: "error",
    message: cspMessage(directive, host),
    culprit: policyEntry(str(report["original-policy"]), directive),
    fingerprint: ["csp", directive, host],
    tags: { "effective-directive": directive, "blocked-uri": blockedUri || "self", "blocked-host": host },
    ...(documentUri ? { request: { url: documentUri, headers } } : {}),
    csp: { ...interfaceData, effective_directive: directive },
  };
}

function certificateEvent(kind: string, what: string, report: Json): Json {
  const hostname = str(report.hostname);
  if (!hostname) throw new SecurityReportError(`${kind} report has no hostname`);
  const port = report.port === undefined ? "" : `:${String(report.port)}`;
  return {
    logger: "csp",
    level: "error",
    message: `${what} for '${hostname}${port}'`,
    culprit: hostname,
    fingerprint: [kind, hostname],
    tags: { hostname },
    extra: { [kind]: report },
  };
}

/** A Reporting API (`report-to`) element in the legacy `csp-report` shape. */
function reportingApiToLegacy(entry: unknown): unknown {
  if (!isObject(entry) || entry.type !== "csp-violation" || !isObject(entry.body)) {
    throw new SecurityReportError("unsupported report in a Reporting API batch (only csp-violation)");
  }
  const body = entry.body;
  return {
    "csp-report": {
      "document-uri": body.documentURL ?? entry.url,
      "blocked-uri": body.blockedURL,
      "effective-directive": body.effectiveDirective,
      "violated-directive": body.effectiveDirective,
      "original-policy": body.originalPolicy,
      referrer: body.referrer,
      disposition: body.disposition,
      "status-code": body.statusCode,
      "source-file": body.sourceFile,
      "line-number": body.lineNumber,
      "column-number": body.columnNumber,
      "script-sample": body.sample,
    },
  };
}

function withContext(event: Json, context: ReportContext): Json {
  const request = isObject(event.request) ? event.request : { headers: [] };
  const headers = Array.isArray(request.headers) ? [...(request.headers as unknown[])] : [];
  if (context.userAgent) headers.push(["User-Agent", context.userAgent]);
  return {
    ...event,
    platform: "javascript",
    user: { ip_address: "{{auto}}" },
    request: { ...request, headers },
    ...(context.release ? { release: context.release } : {}),
    ...(context.environment ? { environment: context.environment } : {}),
  };
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}
