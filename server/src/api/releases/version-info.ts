import { Release } from "@sentry/release-parser";

/**
 * Sentry's `versionInfo` (`expose_version_info` over its release parser): `package@version+build`
 * split into the package, the semantic version when there is one, a short description and the
 * build hash. A version the parser refuses has none (null), as in Sentry.
 */
export function versionInfo(version: string) {
  let release: Release;
  try {
    release = new Release(version);
  } catch {
    return null;
  }
  const parsed = release.versionParsed;
  return {
    package: release.package ?? null,
    version: {
      raw: release.versionRaw,
      ...(parsed
        ? {
            major: parsed.major,
            minor: parsed.minor,
            patch: parsed.patch,
            pre: parsed.pre ?? null,
            buildCode: parsed.buildCode ?? null,
            components: parsed.components,
          }
        : {}),
    },
    description: release.describe(),
    buildHash: release.getBuildHash(),
  };
}
