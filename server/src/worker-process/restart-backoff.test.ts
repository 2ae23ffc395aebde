import { DEFAULT_RESTART_BACKOFF, restartDelay } from "./restart-backoff";

const backoff = DEFAULT_RESTART_BACKOFF;

describe("restartDelay", () => {
  it("waits a second before the first restart", () => {
    expect(restartDelay(null, 10, backoff)).toBe(1000);
  });

  it("doubles for each quick death, up to thirty seconds", () => {
    const delays: number[] = [];
    let delay: number | null = null;
    for (let death = 0; death < 8; death++) {
      delay = restartDelay(delay, 50, backoff);
      delays.push(delay);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it("starts over after a run of a minute", () => {
    expect(restartDelay(30_000, 60_000, backoff)).toBe(1000);
    expect(restartDelay(30_000, 59_999, backoff)).toBe(30_000);
  });
});
