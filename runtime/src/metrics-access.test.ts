import { metricsAllowed } from "./metrics-access";

describe("metricsAllowed", () => {
  it("lets anyone in when no token is set", () => {
    expect(metricsAllowed(undefined, undefined)).toBe(true);
    expect(metricsAllowed("Bearer anything", "")).toBe(true);
  });

  it("wants exactly the bearer token when one is set", () => {
    expect(metricsAllowed("Bearer s3cret-token", "s3cret-token")).toBe(true);
    expect(metricsAllowed("bearer s3cret-token", "s3cret-token")).toBe(true);
    expect(metricsAllowed(undefined, "s3cret-token")).toBe(false);
    expect(metricsAllowed("Bearer s3cret-toke", "s3cret-token")).toBe(false);
    expect(metricsAllowed("Bearer s3cret-token2", "s3cret-token")).toBe(false);
    expect(metricsAllowed("Basic s3cret-token", "s3cret-token")).toBe(false);
    expect(metricsAllowed("s3cret-token", "s3cret-token")).toBe(false);
  });
});
