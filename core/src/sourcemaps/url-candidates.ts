/**
 * The artifact names a frame's `abs_path` may have been uploaded under, best first, as Sentry
 * looks them up: the full URL (with, then without its query), then the `~/`-prefixed path that
 * `sentry-cli sourcemaps upload --url-prefix '~/...'` writes, which matches any host.
 */
export function artifactUrlCandidates(absPath: string): string[] {
  const candidates: string[] = [];
  const add = (value: string | undefined) => {
    if (value && !candidates.includes(value)) candidates.push(value);
  };
  const withoutFragment = absPath.split("#")[0] ?? absPath;
  const withoutQuery = withoutFragment.split("?")[0] ?? withoutFragment;
  add(withoutFragment);
  add(withoutQuery);
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(withoutFragment);
  if (match) {
    const path = match[1] ?? "/";
    add(`~${path}`);
    add(`~${path.split("?")[0] ?? path}`);
  } else if (withoutFragment.startsWith("/")) {
    add(`~${withoutFragment}`);
    add(`~${withoutQuery}`);
  }
  return candidates;
}

/**
 * Resolves `reference` (a source map URL or a map's `sources` entry) against `base` (the URL
 * of the file that names it). `~/` names are resolved like URLs on an unnamed host.
 */
export function resolveArtifactUrl(reference: string, base: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(reference) || reference.startsWith("~/")) return reference;
  const tilde = base.startsWith("~/");
  try {
    const resolved = new URL(reference, tilde ? `http://tilde.invalid/${base.slice(2)}` : base);
    return tilde ? `~${resolved.pathname}${resolved.search}` : resolved.toString();
  } catch {
    return reference;
  }
}

/** The `//# sourceMappingURL=` comment near the end of a minified file, if it has one. */
export function sourceMappingUrlOf(source: string): string | undefined {
  const tail = source.slice(-4096);
  const matches = [...tail.matchAll(/\/\/[#@]\s*sourceMappingURL=(\S+)\s*$/gm)];
  return matches.at(-1)?.[1];
}
