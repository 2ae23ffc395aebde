/** Platforms offered when creating a project; the value is Sentry's platform id. */
export const PLATFORMS = [
  { value: "javascript", label: "Browser JavaScript" },
  { value: "node", label: "Node.js" },
  { value: "python", label: "Python" },
  { value: "other", label: "Other" },
] as const;

export type SnippetKind = "browser" | "node" | "python" | "generic";

export function defaultSnippet(platform: string): SnippetKind {
  if (platform.startsWith("javascript")) return "browser";
  if (platform.startsWith("node")) return "node";
  if (platform.startsWith("python")) return "python";
  return "generic";
}

/** Ready-to-paste set-up code for a DSN. The DSN is shown as text, never interpreted. */
export function snippetFor(kind: SnippetKind, dsn: string): string {
  switch (kind) {
    case "browser":
      return `// npm install @sentry/browser
import * as Sentry from "@sentry/browser";

Sentry.init({
  dsn: "${dsn}",
  release: "my-app@1.0.0",
  environment: "production",
});`;
    case "node":
      return `// npm install @sentry/node
const Sentry = require("@sentry/node");

Sentry.init({
  dsn: "${dsn}",
  release: "my-app@1.0.0",
  environment: "production",
});`;
    case "python":
      return `# pip install sentry-sdk
import sentry_sdk

sentry_sdk.init(
    dsn="${dsn}",
    release="my-app@1.0.0",
    environment="production",
)`;
    case "generic":
      return `# Any Sentry SDK works: give it this DSN.
SENTRY_DSN=${dsn}

# Or send a test event with curl:
curl -X POST "${storeUrl(dsn)}" \\
  -H "Content-Type: application/json" \\
  -d '{"message": "Hello from curl", "level": "error"}'`;
  }
}

/** The store endpoint of a DSN (`https://key@host/path/1` → `https://host/path/api/1/store/?sentry_key=key`). */
export function storeUrl(dsn: string): string {
  try {
    const url = new URL(dsn);
    const key = url.username;
    const parts = url.pathname.split("/").filter(Boolean);
    const projectId = parts.pop() ?? "";
    const prefix = parts.length ? `/${parts.join("/")}` : "";
    return `${url.protocol}//${url.host}${prefix}/api/${projectId}/store/?sentry_key=${key}`;
  } catch {
    return dsn;
  }
}
