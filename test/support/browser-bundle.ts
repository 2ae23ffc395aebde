import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

/** `@sentry/browser` as one script defining `window.Sentry`, the way a CDN bundle would. */
export async function sentryBrowserBundle(): Promise<string> {
  const out = path.join(tmpdir(), `faultline-sentry-browser-${process.pid}.js`);
  await promisify(execFile)(process.execPath, [path.join(__dirname, "bundle-sentry-browser.mjs"), out], {
    timeout: 60_000,
  });
  return readFileSync(out, "utf8");
}
