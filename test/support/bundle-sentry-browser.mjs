// Bundles @sentry/browser into one script that defines window.Sentry (like the CDN bundle) and
// writes it to the path given as the first argument. Vite is ESM-only, hence a separate script.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const entry = createRequire(path.join(root, "package.json"))
  .resolve("@sentry/browser")
  .replace(/cjs\/(prod|dev)\/index\.js$/, "esm/prod/index.js");
const result = await build({
  configFile: false,
  logLevel: "silent",
  root,
  build: { write: false, minify: false, lib: { entry, formats: ["iife"], name: "Sentry", fileName: "sentry" } },
});
const output = Array.isArray(result) ? result[0] : result;
writeFileSync(process.argv[2], output.output[0].code);
