import type { RequestHandler } from "express";
import helmet from "helmet";

/**
 * The Content-Security-Policy the built dashboard (web/dist) runs under: its one module script,
 * stylesheet and chunks come from this origin and it talks only to its own API. No inline
 * script or style (the build has none, and React sets styles through the DOM, which CSP allows),
 * no eval, and no page may frame it.
 */
export function dashboardCsp(https: boolean): Record<string, string[]> {
  return {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    // Only over https: on plain http it would send the page's own requests to a port that is not there.
    ...(https ? { "upgrade-insecure-requests": [] } : {}),
  };
}

/**
 * Headers for everything but SDK ingest (the dashboard, its assets, /api/0/, health, metrics):
 * CSP with frame-ancestors 'none' and X-Frame-Options DENY against framing (clickjacking),
 * nosniff, a same-origin Referrer-Policy (issue URLs and search terms stay here), COOP, and HSTS
 * only when PUBLIC_URL is https. Ingest answers keep their own CORS headers, which browser SDKs
 * on other origins need.
 */
export function securityHeaders(publicUrl: string): RequestHandler {
  const https = new URL(publicUrl).protocol === "https:";
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: dashboardCsp(https) },
    xFrameOptions: { action: "deny" },
    referrerPolicy: { policy: "same-origin" },
    crossOriginOpenerPolicy: { policy: "same-origin" },
    crossOriginResourcePolicy: { policy: "same-origin" },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  });
}
