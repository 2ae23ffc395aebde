import { intervalMs } from "./interval";

describe("intervalMs", () => {
  it.each([
    ["1m", 60_000],
    ["15m", 900_000],
    ["1h", 3_600_000],
    ["1d", 86_400_000],
    ["1w", 604_800_000],
    ["30d", 2_592_000_000],
  ])("%s is %d ms", (text, ms) => expect(intervalMs(text)).toBe(ms));

  it.each(["", "0m", "1", "h", "1y", "1.5h", "-1h", "31d", " 1h"])("%j is not an interval", (text) =>
    expect(intervalMs(text)).toBeUndefined(),
  );
});
