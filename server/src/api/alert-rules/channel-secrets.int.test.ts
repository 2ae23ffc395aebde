import request from "supertest";
import { memberWithToken } from "../../../../test/support/api";
import { useApiServer } from "../../../../test/support/api-server";

const api = useApiServer();
const BASE = "/api/0/projects/acme/checkout/alert-rules/";
const BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const ROUTING_KEY = "R0ut1ngK3yR0ut1ngK3yR0ut1ngK3y12";
const OPSGENIE_KEY = "eb243592-faa2-4ba2-a551-1afdf565c889";
const NTFY_TOKEN = "tk_abcdefghijklmnop";

const RULE = {
  name: "Paging",
  triggers: [{ type: "first_seen" }],
  actions: [
    { type: "slack", url: "https://hooks.slack.com/services/T1/B1/xyz" },
    { type: "telegram", botToken: BOT_TOKEN, chatId: "-100200" },
    { type: "pagerduty", routingKey: ROUTING_KEY },
    { type: "opsgenie", apiKey: OPSGENIE_KEY, priority: "P2" },
    { type: "ntfy", topic: "team-alerts", token: NTFY_TOKEN },
  ],
};

const MASKED_ACTIONS = [
  { type: "slack", url: "https://hooks.slack.com/services/T1/B1/xyz" },
  { type: "telegram", botToken: "********", chatId: "-100200" },
  { type: "pagerduty", routingKey: "********" },
  { type: "opsgenie", apiKey: "********", priority: "P2" },
  { type: "ntfy", topic: "team-alerts", token: "********" },
];

it("never shows tokens and keys; an edit that sends the mask back keeps them", async () => {
  const { auth } = await memberWithToken(api.db, "dev@example.com", "acme", "member");
  const created = await request(api.server.url).post(BASE).set("Authorization", auth).send(RULE).expect(201);
  expect(created.body.actions).toEqual(MASKED_ACTIONS);
  const listed = await request(api.server.url).get(BASE).set("Authorization", auth).expect(200);
  for (const secret of [BOT_TOKEN, ROUTING_KEY, OPSGENIE_KEY, NTFY_TOKEN])
    expect(JSON.stringify(listed.body)).not.toContain(secret);

  await request(api.server.url)
    .put(`${BASE}${created.body.id}/`)
    .set("Authorization", auth)
    .send({ name: "Paging (renamed)", actions: created.body.actions })
    .expect(200);
  const stored = await api.db.alertRule.findFirstOrThrow();
  expect(stored.actions).toEqual(RULE.actions);
});

it("refuses a mask with nothing stored behind it, naming the field", async () => {
  const { auth } = await memberWithToken(api.db, "dev@example.com", "acme", "member");
  const refused = await request(api.server.url)
    .post(BASE)
    .set("Authorization", auth)
    .send({ ...RULE, actions: [{ type: "pagerduty", routingKey: "********" }] })
    .expect(400);
  expect(refused.body).toEqual({
    detail: "actions[0].routingKey: no secret is stored for this action; give it again",
  });
  const created = await request(api.server.url).post(BASE).set("Authorization", auth).send(RULE).expect(201);
  // Another chat is another action: its token is not the stored one.
  const moved = await request(api.server.url)
    .put(`${BASE}${created.body.id}/`)
    .set("Authorization", auth)
    .send({ actions: [{ type: "telegram", botToken: "********", chatId: "-100999" }] })
    .expect(400);
  expect(moved.body.detail).toBe("actions[0].botToken: no secret is stored for this action; give it again");
});

it("answers 400 naming the field for a malformed channel", async () => {
  const { auth } = await memberWithToken(api.db, "dev@example.com", "acme", "member");
  const refused = await request(api.server.url)
    .post(BASE)
    .set("Authorization", auth)
    .send({
      ...RULE,
      actions: [
        { type: "discord", url: "ftp://x" },
        { type: "telegram", botToken: "nope", chatId: "x y" },
        { type: "ntfy", topic: "a/b" },
      ],
    })
    .expect(400);
  expect(refused.body.detail).toContain("actions[0].url: must be an http(s) URL");
  expect(refused.body.detail).toContain('actions[1].botToken: must be a bot token like "123456:ABC-DEF..."');
  expect(refused.body.detail).toContain("actions[1].chatId: must be a numeric chat id or a channel's @username");
  expect(refused.body.detail).toContain("actions[2].topic: must be 1 to 64 letters, digits, - or _");
});
