import { spawn } from "node:child_process";
import path from "node:path";
import { waitFor } from "./harness";

export interface TestProviderAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

/** Starts oidc-provider (test/support/oidc-test-provider.mjs) with one client and the accounts given. */
export async function startOidcProvider(options: {
  port: number;
  redirectUri: string;
  accounts: Record<string, TestProviderAccount>;
}): Promise<TestOidcProvider> {
  const clientId = "faultline-test";
  const clientSecret = "faultline-test-secret-0123456789abcdef";
  let output = "";
  const child = spawn(process.execPath, [path.join(__dirname, "oidc-test-provider.mjs")], {
    env: {
      ...process.env,
      NODE_ENV: "test",
      OIDC_TEST_PORT: String(options.port),
      OIDC_TEST_REDIRECT_URI: options.redirectUri,
      OIDC_TEST_CLIENT_ID: clientId,
      OIDC_TEST_CLIENT_SECRET: clientSecret,
      OIDC_TEST_ACCOUNTS: JSON.stringify(options.accounts),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const issuer = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    await exited;
  };
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`oidc provider exited with ${child.exitCode}: ${output}`);
        const res = await fetch(`${issuer}/.well-known/openid-configuration`).catch(() => undefined);
        return res?.status === 200;
      },
      30_000,
      "the OpenID provider to be ready",
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { issuer, clientId, clientSecret, stop };
}

/** A tiny cookie jar per origin, enough to carry a browser through the redirects. */
class CookieJar {
  private readonly cookies = new Map<string, Map<string, string>>();
  store(url: string, res: Response): void {
    const origin = new URL(url).origin;
    const jar = this.cookies.get(origin) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (!pair || eq < 0) continue;
      const value = pair.slice(eq + 1);
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(pair.slice(0, eq));
      else jar.set(pair.slice(0, eq), value);
    }
    this.cookies.set(origin, jar);
  }
  header(url: string): string {
    const jar = this.cookies.get(new URL(url).origin);
    return jar ? [...jar].map(([name, value]) => `${name}=${value}`).join("; ") : "";
  }
  get(url: string, name: string): string | undefined {
    return this.cookies.get(new URL(url).origin)?.get(name);
  }
}

export interface BrowserRun {
  jar: CookieJar;
  /** Every URL the "browser" was sent to, in order. */
  visited: string[];
  /** The last answer (not a redirect, or one leaving the known hosts). */
  last: Response;
  lastUrl: string;
}

/**
 * Plays a browser through single sign-on: opens `startUrl` (Faultline's /auth/oidc/login/),
 * follows redirects carrying cookies per origin, and at the provider's login and consent pages
 * submits the account id. `stopAt` ends the run at the first URL it matches, unfollowed.
 */
export async function browseSso(
  startUrl: string,
  accountId: string,
  options: { jar?: CookieJar; stopAt?: (url: string) => boolean; accept?: string } = {},
): Promise<BrowserRun> {
  const jar = options.jar ?? new CookieJar();
  const visited: string[] = [];
  let url = startUrl;
  let method = "GET";
  let body: string | undefined;
  for (let hop = 0; hop < 20; hop++) {
    visited.push(url);
    const res = await fetch(url, {
      method,
      redirect: "manual",
      headers: {
        cookie: jar.header(url),
        accept: options.accept ?? "text/html",
        ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(body ? { body } : {}),
    });
    jar.store(url, res);
    method = "GET";
    body = undefined;
    const location = res.headers.get("location");
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, url).href;
      if (options.stopAt?.(next)) {
        visited.push(next);
        return { jar, visited, last: res, lastUrl: next };
      }
      url = next;
      continue;
    }
    const interaction = /\/interaction\/([^/?]+)$/.exec(new URL(url).pathname);
    if (interaction && res.status === 200) {
      const page = await res.text();
      method = "POST";
      body = page.includes('name="login"')
        ? new URLSearchParams({ prompt: "login", login: accountId, password: "any" }).toString()
        : new URLSearchParams({ prompt: "consent" }).toString();
      continue;
    }
    return { jar, visited, last: res, lastUrl: url };
  }
  throw new Error(`too many redirects: ${visited.join(" → ")}`);
}

export { CookieJar };
