import { ingestRefusedRequests, ingestRequests, metricsRegistry, refusalReason } from "./metrics";

describe("refused ingest requests", () => {
  it.each([
    [400, "invalid"],
    [401, "unauthorized"],
    [403, "forbidden"],
    [413, "too_large"],
    [415, "unsupported_media"],
    [429, "rate_limited"],
    [503, "unavailable"],
    [500, "server_error"],
    [418, "other"],
  ])("%i → %s", (status, reason) => {
    expect(refusalReason(status)).toBe(reason);
  });

  it("are read from the answers counted by status, summed per reason", async () => {
    ingestRequests.inc({ endpoint: "envelope", status: "200" }, 5);
    ingestRequests.inc({ endpoint: "envelope", status: "429" }, 3);
    ingestRequests.inc({ endpoint: "store", status: "500" });
    ingestRequests.inc({ endpoint: "store", status: "502" });
    const text = await metricsRegistry.metrics();
    expect(text).toContain('faultline_ingest_refused_requests_total{endpoint="envelope",reason="rate_limited"} 3');
    expect(text).toContain('faultline_ingest_refused_requests_total{endpoint="store",reason="server_error"} 2');
    const { values } = await ingestRefusedRequests.get();
    expect(values.some((v) => v.labels.reason === "other" || Number(v.labels.reason) === 200)).toBe(false);
  });
});
