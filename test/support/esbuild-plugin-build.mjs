// Builds a small browser app with esbuild and Sentry's esbuild plugin (which injects debug ids
// and uploads the build to `url`), the way a project's build script does: @sentry/esbuild-plugin
// (sentry-cli 2.x underneath), or with `"plugin": "bundler-plugins"` the esbuild plugin of
// @sentry/bundler-plugins 11 (the `sentry` CLI underneath). Argument: JSON {dir, url, token, org,
// project, release, dsn, plugin?}; the app's sources are in <dir>/src, the build goes to
// <dir>/dist. Prints the plugin's output; exits 1 when it failed.
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const options = JSON.parse(process.argv[2]);
const { sentryEsbuildPlugin } = await import(
  options.plugin === "bundler-plugins" ? "@sentry/bundler-plugins/esbuild" : "@sentry/esbuild-plugin"
);
const failures = [];
await build({
  entryPoints: [path.join(options.dir, "src/main.js")],
  outdir: path.join(options.dir, "dist"),
  bundle: true,
  minify: true,
  sourcemap: true,
  format: "iife",
  logLevel: "warning",
  nodePaths: [path.join(root, "node_modules")],
  define: { __SENTRY_DSN__: JSON.stringify(options.dsn) },
  plugins: [
    sentryEsbuildPlugin({
      url: options.url,
      authToken: options.token,
      org: options.org,
      project: options.project,
      release: { name: options.release, inject: true, create: true, finalize: true },
      sourcemaps: { assets: [path.join(options.dir, "dist", "**")] },
      telemetry: false,
      debug: true,
      errorHandler: (error) => failures.push(error),
    }),
  ],
});
for (const error of failures) console.error(`plugin error: ${error instanceof Error ? error.message : String(error)}`);
process.exit(failures.length > 0 ? 1 : 0);
