import fc from "fast-check";
import { eventFrom } from "../__fixtures__/event-factory";
import { incomingEvent, incomingEventNames, sdkCaptureEvents, type Sdk } from "../__fixtures__/load-fixtures";
import type { JsonRecord, JsonValue, NormalizedEvent } from "../event/types";
import { SENSITIVE_VALUE } from "./patterns";
import { scrubEvent } from "./scrub-event";
import { DEFAULT_SCRUB_SETTINGS } from "./settings";

const SDKS: Sdk[] = ["node", "browser", "raven-js", "python"];
const BASE_EVENTS: NormalizedEvent[] = [
  ...incomingEventNames().map((name) => eventFrom(incomingEvent(name))),
  ...SDKS.flatMap((sdk) => sdkCaptureEvents(sdk).map(eventFrom)),
];

const clone = (event: NormalizedEvent) => JSON.parse(JSON.stringify(event)) as NormalizedEvent & JsonRecord;
const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);

/** A key Sentry's defaults treat as sensitive, dressed up the way real code names things. */
const sensitiveKey = fc
  .tuple(
    fc.constantFrom(
      "password",
      "secret",
      "passwd",
      "api_key",
      "apiKey",
      "auth",
      "credentials",
      "mysql_pwd",
      "privatekey",
      "private-key",
      "token",
      "Authorization",
      "X-Auth-Token",
      "client_secret",
      "bearer",
    ),
    fc.constantFrom("", "db_", "x-", "user."),
    fc.constantFrom("", "_hash", "-header", "2"),
    fc.boolean(),
  )
  .map(([core, prefix, suffix, upper]) => `${prefix}${upper ? core.toUpperCase() : core}${suffix}`);

const secret = fc
  .stringMatching(/^[a-z]{12,20}$/)
  .map((text) => `q7zv${text}`)
  .filter((text) => !SENSITIVE_VALUE.test(text));

/** Random extra data, so secrets also land deep inside shapes no fixture has. */
const extraData: fc.Arbitrary<JsonRecord> = fc.dictionary(word, fc.jsonValue({ maxDepth: 3 }), {
  maxKeys: 4,
}) as fc.Arbitrary<JsonRecord>;

/** Every object and pair list in the event that SDK data can reach (Sentry skips debug_meta too). */
function plantSites(event: JsonRecord): ((key: string, value: JsonValue) => void)[] {
  const sites: ((key: string, value: JsonValue) => void)[] = [];
  const visit = (node: JsonValue, key: string | null) => {
    if (key === "debug_meta") return;
    if (Array.isArray(node)) {
      if (key !== null && ["tags", "headers", "cookies", "query_string"].includes(key)) {
        sites.push((name, value) => node.push([name, typeof value === "string" ? value : JSON.stringify(value)]));
      }
      node.forEach((child) => visit(child, null));
    } else if (node !== null && typeof node === "object") {
      sites.push((name, value) => {
        node[name] = value;
      });
      for (const [childKey, child] of Object.entries(node)) visit(child, childKey);
    }
  };
  visit(event, null);
  return sites;
}

const wrap = fc.constantFrom<(s: string) => JsonValue>(
  (s) => s,
  (s) => ({ value: s }),
  (s) => [s, 1],
);

describe("scrubEvent properties", () => {
  it("a secret under a sensitive key anywhere never survives", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BASE_EVENTS),
        extraData,
        sensitiveKey,
        secret,
        wrap,
        fc.nat(),
        (base, extra, key, value, shape, pick) => {
          const event = clone(base);
          event.extra = { ...event.extra, ...extra };
          const sites = plantSites(event);
          sites[pick % sites.length]?.(key, shape(value));
          const output = JSON.stringify(scrubEvent(event, DEFAULT_SCRUB_SETTINGS));
          expect(output).not.toContain(value);
        },
      ),
      { numRuns: 300 },
    );
  });

  const cardNumber = fc
    .tuple(
      fc.constantFrom("4", "51", "55", "65", "6011"),
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 15, maxLength: 15 }),
    )
    .map(([prefix, digits]) => (prefix + digits.join("")).slice(0, 16))
    .chain((digits) =>
      fc
        .constantFrom(" ", "-", "")
        .map((sep) => [digits.slice(0, 4), digits.slice(4, 8), digits.slice(8, 12), digits.slice(12)].join(sep)),
    );
  const amex = fc
    .tuple(fc.constantFrom("34", "37"), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 13, maxLength: 13 }))
    .map(([prefix, digits]) => prefix + digits.join(""))
    .chain((digits) =>
      fc.constantFrom(" ", "").map((sep) => [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)].join(sep)),
    );
  const prose = fc
    .array(fc.constantFrom("paid", "with", "card", "order", "#12", "total:", "7", "ok."), { maxLength: 4 })
    .map((words) => words.join(" "));

  it("credit-card numbers in free text are filtered, in ordinary and in protected text", () => {
    fc.assert(
      fc.property(fc.oneof(cardNumber, amex), prose, prose, word, (card, before, after, key) => {
        const text = `${before} ${card} ${after}`.trim();
        const event = eventFrom({
          extra: { [key]: text },
          breadcrumbs: [{ message: text }],
          exception: [{ type: "Declined", value: text }],
        });
        const output = scrubEvent(event, DEFAULT_SCRUB_SETTINGS);
        expect(JSON.stringify(output)).not.toContain(card);
        expect(output.exception?.values[0]?.value).toContain("[creditcard]");
      }),
      { numRuns: 300 },
    );
  });

  it("safe fields survive, by key name or by path", () => {
    fc.assert(
      fc.property(fc.constantFrom(...BASE_EVENTS), sensitiveKey, secret, fc.boolean(), (base, key, value, byPath) => {
        const event = clone(base);
        event.extra = { ...event.extra, [key]: value };
        const safeFields = [byPath ? `extra.${key}` : key];
        const output = scrubEvent(event, { ...DEFAULT_SCRUB_SETTINGS, safeFields });
        expect(output.extra?.[key]).toBe(value);
      }),
      { numRuns: 200 },
    );
  });

  it("never changes an event when scrubbing is off", () => {
    fc.assert(
      fc.property(fc.constantFrom(...BASE_EVENTS), (event) => {
        expect(scrubEvent(event, { ...DEFAULT_SCRUB_SETTINGS, enabled: false })).toBe(event);
      }),
    );
  });
});
