/** "1 session", "2 sessions", "1,204 sessions": a count with its noun in the right number. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? noun : nouns}`;
}

/** Bytes as Sentry shows them in device and app contexts: 512 B, 1.5 KiB, 3.9 GiB. */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = unit === 0 ? String(value) : value.toFixed(1).replace(/\.0$/, "");
  return `${bytes < 0 ? "-" : ""}${shown} ${units[unit]}`;
}

/** An IPv4 client seen through an IPv6 socket (`::ffff:127.0.0.1`) as the plain IPv4 address. */
export function displayIp(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped ? mapped[1]! : address;
}
