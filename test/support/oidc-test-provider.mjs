// A real OpenID Provider (the certified oidc-provider package) for the single sign-on tests,
// run as its own process because the package is ESM-only. Its development login form signs in
// whichever account id is typed; the accounts and their claims come from OIDC_TEST_ACCOUNTS.
//   OIDC_TEST_PORT, OIDC_TEST_REDIRECT_URI, OIDC_TEST_CLIENT_ID, OIDC_TEST_CLIENT_SECRET,
//   OIDC_TEST_ACCOUNTS='{"ana": {"email": "ana@example.com", "email_verified": true}}'
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_TEST_PORT);
const issuer = `http://127.0.0.1:${port}`;
const accounts = JSON.parse(process.env.OIDC_TEST_ACCOUNTS ?? "{}");

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_TEST_CLIENT_ID,
      client_secret: process.env.OIDC_TEST_CLIENT_SECRET,
      redirect_uris: [process.env.OIDC_TEST_REDIRECT_URI],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  pkce: { required: () => true },
  cookies: { keys: ["faultline-test-provider"] },
  findAccount: (_ctx, id) => {
    const claims = accounts[id];
    if (!claims) return undefined;
    return { accountId: id, claims: () => ({ sub: id, ...claims }) };
  },
});
// Test-only provider on loopback: plain http is expected.
provider.proxy = false;
provider.listen(port, "127.0.0.1", () => {
  process.stdout.write(`oidc provider at ${issuer}\n`);
});
process.on("SIGTERM", () => process.exit(0));
