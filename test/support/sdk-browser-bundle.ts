import path from "node:path";
import { build } from "esbuild";

const ROOT = path.resolve(__dirname, "../..");

/**
 * One `@sentry/browser` major (an npm alias such as `sentry-browser-6`) bundled into a script
 * that defines `window.Sentry`, as its CDN bundle would. npm ships CDN bundles only for some
 * majors, so every major is bundled the same way from its package entry.
 */
export async function bundleSentryBrowser(pkg: string): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import * as Sentry from ${JSON.stringify(pkg)}; window.Sentry = Sentry;`,
      resolveDir: ROOT,
      loader: "js",
    },
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    write: false,
    logLevel: "silent",
    define: { "process.env.NODE_ENV": '"production"' },
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no bundle for ${pkg}`);
  return output.text;
}
