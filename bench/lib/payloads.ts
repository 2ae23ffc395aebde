import { generateEventId } from "@faultline/core";

/**
 * A realistic mix: Node and Python exceptions (like the recorded SDK captures), browser errors,
 * log messages with parameters, and some deep stacks — spread over `groups` distinct issues.
 */
export function makeEnvelope(index: number, groups: number): string {
  const group = index % groups;
  const eventId = generateEventId();
  const event = group % 5 === 4 ? messageEvent(group, index) : errorEvent(group, index, group % 7 === 0 ? 150 : 12);
  return `${JSON.stringify({ event_id: eventId, sent_at: new Date().toISOString(), sdk: { name: "sentry.javascript.node", version: "11.12.0" } })}\n${JSON.stringify({ type: "event" })}\n${JSON.stringify({ ...event, event_id: eventId })}\n`;
}

function frames(group: number, depth: number) {
  const list = [];
  for (let i = 0; i < depth; i++) {
    const inApp = i >= depth - 4;
    list.push({
      filename: inApp ? `/srv/app/src/module${group}.js` : `/srv/app/node_modules/lib${i % 9}/index.js`,
      module: inApp ? `module${group}` : `lib${i % 9}`,
      function: inApp ? `handler${group}_${i}` : `dispatch${i % 13}`,
      lineno: 10 + i,
      colno: 5,
      in_app: inApp,
      context_line: inApp ? `    throw new Error(describe(order${i}));` : `  return next(req, res);`,
      pre_context: ["function handler(req, res) {", "  const order = req.body.order;"],
      post_context: ["}", ""],
    });
  }
  return list;
}

function errorEvent(group: number, index: number, depth: number) {
  return {
    platform: "node",
    level: "error",
    timestamp: Date.now() / 1000,
    release: `shop@1.${group % 3}.0`,
    environment: "production",
    server_name: `web-${index % 4}`,
    exception: {
      values: [
        {
          type: `CheckoutError${group}`,
          value: `order ${index} failed at step ${index % 17}`,
          mechanism: { type: "onunhandledrejection", handled: false },
          stacktrace: { frames: frames(group, depth) },
        },
      ],
    },
    user: { id: `u-${index % 500}`, email: `user${index % 500}@example.com` },
    tags: { region: ["eu", "us", "ap"][index % 3], browser: "Chrome 131" },
    breadcrumbs: {
      values: Array.from({ length: 8 }, (_, i) => ({
        category: "http",
        message: `GET /api/cart/${i}`,
        level: "info",
        timestamp: Date.now() / 1000,
      })),
    },
    contexts: {
      runtime: { name: "node", version: "v20.20.2" },
      os: { name: "Linux" },
      trace: { trace_id: "4e6683f384f242368692270452016a25", span_id: "8630c08e3f641e18" },
    },
    extra: { password: "hunter2", cart_size: index % 9 },
    request: {
      url: `https://shop.example.com/checkout/${index}`,
      method: "POST",
      headers: { "User-Agent": "Mozilla/5.0", Authorization: "Bearer abc" },
    },
  };
}

// Message grouping replaces numbers in the template (as Sentry does), so message groups differ by a word.
const PROVIDERS = ["acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "wonka", "tyrell", "cyberdyne"];

function messageEvent(group: number, index: number) {
  const provider = `${PROVIDERS[Math.floor(group / 5) % PROVIDERS.length]}${"x".repeat(Math.floor(group / 50))}`;
  return {
    platform: "python",
    level: "warning",
    logger: "payments",
    logentry: { message: `payment provider ${provider} slow in %s: %d ms`, params: ["eu-west", index % 900] },
    timestamp: Date.now() / 1000,
    release: "payments@3.2.1",
    environment: "production",
    user: { ip_address: `203.0.113.${index % 250}` },
  };
}
