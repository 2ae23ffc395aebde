import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildSync } from "esbuild";

/** The original sources of a small shop front-end: checkout.js line 5 throws. */
export const APP_SOURCES: Record<string, string> = {
  "src/format.js": `export function formatPrice(cents) {
  return (cents / 100).toFixed(2) + " EUR";
}
`,
  "src/checkout.js": `import { formatPrice } from "./format.js";

export function validateCart(cart) {
  if (cart.items.length === 0) {
    throw new Error("cart is empty: " + formatPrice(cart.total));
  }
  return cart;
}

export function checkoutCart(cart) {
  const valid = validateCart(cart);
  return valid.items.length;
}
`,
  "src/main.js": `import { checkoutCart } from "./checkout.js";

window.startCheckout = function startCheckout() {
  return checkoutCart({ items: [], total: 1234 });
};
`,
};

/**
 * Builds the app with esbuild (bundled, minified, with a source map) into `<dir>/dist/app.min.js`
 * and `app.min.js.map`, the way a production build would.
 */
export function buildMinifiedApp(): { dir: string; dist: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "faultline-app-"));
  for (const [file, text] of Object.entries(APP_SOURCES)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  buildSync({
    entryPoints: [path.join(dir, "src/main.js")],
    bundle: true,
    minify: true,
    sourcemap: true,
    format: "iife",
    outfile: path.join(dir, "dist/app.min.js"),
    logLevel: "silent",
  });
  return { dir, dist: path.join(dir, "dist") };
}
