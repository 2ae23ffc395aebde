import { createHash } from "node:crypto";

/**
 * Sentry's project colour (`Project.color` → `get_hashed_color(slug)`): the first three hex
 * digits of the slug's MD5 pick a hue, drawn at lightness and saturation 0.5 with Python's
 * `colorsys.hls_to_rgb`, each channel truncated to 0-255.
 */
export function projectColor(slug: string): string {
  const hue = parseInt(createHash("md5").update(slug, "utf8").digest("hex").slice(0, 3), 16) / 4096;
  const channels = hlsToRgb(hue, 0.5, 0.5).map((value) => Math.trunc(value * 255));
  return `#${channels.map((value) => value.toString(16).padStart(2, "0")).join("")}`;
}

/** Python's colorsys.hls_to_rgb. */
function hlsToRgb(h: number, l: number, s: number): [number, number, number] {
  if (s === 0) return [l, l, l];
  const m2 = l <= 0.5 ? l * (1 + s) : l + s - l * s;
  const m1 = 2 * l - m2;
  return [channel(m1, m2, h + 1 / 3), channel(m1, m2, h), channel(m1, m2, h - 1 / 3)];
}

function channel(m1: number, m2: number, rawHue: number): number {
  // Python's `%` on floats keeps the divisor's sign.
  const hue = ((rawHue % 1) + 1) % 1;
  if (hue < 1 / 6) return m1 + (m2 - m1) * hue * 6;
  if (hue < 0.5) return m2;
  if (hue < 2 / 3) return m1 + (m2 - m1) * (2 / 3 - hue) * 6;
  return m1;
}
