/** How Sentry words a CSP violation: what was blocked, by directive (its CSP interface). */
const BLOCKED_WHAT: Record<string, string> = {
  "child-src": "frame",
  "connect-src": "connection",
  "default-src": "resource",
  "font-src": "font",
  "frame-src": "frame",
  "img-src": "image",
  "manifest-src": "manifest",
  "media-src": "media",
  "object-src": "plugin",
  "prefetch-src": "prefetch",
  "script-src": "script",
  "style-src": "style",
  "worker-src": "worker",
};

/** `style-src-elem` and `script-src-attr` are refinements of their base directive. */
export function normalizeDirective(raw: string): string {
  const first = raw.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
  return first.replace(/-(elem|attr)$/, "");
}

/** The host a blocked URI names, or Sentry's words for the keyword values. */
export function blockedHost(blockedUri: string): string {
  const value = blockedUri.trim();
  if (value === "" || value === "self") return "'self'";
  if (value === "inline" || value === "eval" || value === "wasm-eval") return `'${value}'`;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme && !["http", "https", "ws", "wss"].includes(scheme)) return `${scheme}:`;
  try {
    return new URL(value).host || value;
  } catch {
    return value.slice(0, 200);
  }
}

export function cspMessage(directive: string, host: string): string {
  if (host === "'inline'") return `Blocked unsafe inline '${BLOCKED_WHAT[directive] ?? directive}'`;
  if (host === "'eval'") return `Blocked unsafe eval() '${BLOCKED_WHAT[directive] ?? directive}'`;
  if (directive === "form-action") return `Blocked form action to '${host}'`;
  if (directive === "base-uri") return `Blocked base URI '${host}'`;
  const what = BLOCKED_WHAT[directive] ?? directive.replace(/-src$/, "");
  return `Blocked '${what}' from '${host}'`;
}

/** The directive as written in the policy ("style-src cdn.example.com"), Sentry's culprit. */
export function policyEntry(originalPolicy: string, directive: string): string {
  for (const part of originalPolicy.split(";")) {
    const entry = part.trim();
    if (entry.split(/\s+/)[0]?.toLowerCase() === directive) return entry.slice(0, 200);
  }
  return directive;
}
