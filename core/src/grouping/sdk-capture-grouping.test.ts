import { clusterByHashes } from "../__fixtures__/cluster";
import { TEST_CONTEXT } from "../__fixtures__/event-factory";
import { sdkCaptureEvents, type Sdk } from "../__fixtures__/load-fixtures";
import { prepareEvent } from "../pipeline/prepare-event";

/** What shared/fixtures/sdk-captures/README.md says each scenario must group into (event indexes). */
const EXPECTED: Record<Sdk, number[][]> = {
  // two JSON.parse SyntaxErrors, two PaymentDeclined, one captureMessage
  node: [[0, 1], [2, 3], [4]],
  python: [[0, 1], [2, 3], [4]],
  // two TypeErrors from one line, the message, the uncaught RangeError, the unhandled rejection
  browser: [[0, 1], [2], [3], [4]],
  "raven-js": [[0], [1]],
};

describe("SDK capture scenarios group as their README says", () => {
  it.each(Object.keys(EXPECTED) as Sdk[])("%s", (sdk) => {
    const hashes = sdkCaptureEvents(sdk).map((raw) => prepareEvent(raw, TEST_CONTEXT).hashes);
    expect(clusterByHashes(hashes)).toEqual(EXPECTED[sdk]);
  });

  it("titles @sentry/node's captureMessage (a typeless synthetic exception) by its message", () => {
    const message = sdkCaptureEvents("node")[4] ?? {};
    const { event } = prepareEvent(message, TEST_CONTEXT);
    expect(event.exception?.values[0]?.mechanism?.synthetic).toBe(true);
    expect([event.type, event.title]).toEqual(["default", "disk almost full on node 11"]);
  });
});
