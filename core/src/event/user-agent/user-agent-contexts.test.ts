import { normalizeEvent } from "../normalize-event";
import { parseUserAgent } from "./parse-user-agent";

const CONTEXT = { eventId: "0".repeat(32), receivedAt: Date.parse("2026-12-05T00:00:00Z") };

function browserEvent(userAgent: string, extra: Record<string, unknown> = {}): ReturnType<typeof normalizeEvent> {
  return normalizeEvent(
    {
      platform: "javascript",
      message: "boom",
      request: { url: "https://app.example/page", headers: { "User-Agent": userAgent } },
      ...extra,
    },
    CONTEXT,
  );
}

function tagsOf(event: ReturnType<typeof normalizeEvent>): Record<string, string> {
  return Object.fromEntries(event.tags);
}

const CHROME_WINDOWS =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1";
const FIREFOX_LINUX = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
const EDGE_MAC =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91";
const SAMSUNG_ANDROID =
  "Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36";
const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

describe("contexts derived from the User-Agent (Relay's names and versions)", () => {
  it.each([
    [
      "Chrome on Windows",
      CHROME_WINDOWS,
      { browser: { name: "Chrome", version: "120.0.0" }, os: { name: "Windows", version: ">=10" }, device: undefined },
      { browser: "Chrome 120.0.0", "browser.name": "Chrome", os: "Windows >=10", "os.name": "Windows" },
    ],
    [
      "Safari on an iPhone",
      SAFARI_IPHONE,
      {
        browser: { name: "Mobile Safari", version: "17.1.2" },
        os: { name: "iOS", version: "17.1.2" },
        device: { family: "iPhone", model: "iPhone", brand: "Apple" },
      },
      { browser: "Mobile Safari 17.1.2", os: "iOS 17.1.2", device: "iPhone", "device.family": "iPhone" },
    ],
    [
      "Firefox on Linux",
      FIREFOX_LINUX,
      { browser: { name: "Firefox", version: "121.0" }, os: { name: "Ubuntu" }, device: undefined },
      { browser: "Firefox 121.0", "browser.name": "Firefox", os: "Ubuntu", "os.name": "Ubuntu" },
    ],
    [
      "Edge on macOS",
      EDGE_MAC,
      {
        browser: { name: "Edge", version: "120.0.2210" },
        os: { name: "Mac OS X", version: ">=10.15.7" },
        device: { family: "Mac", model: "Mac", brand: "Apple" },
      },
      { browser: "Edge 120.0.2210", os: "Mac OS X >=10.15.7", device: "Mac" },
    ],
    [
      "Samsung Internet on a Galaxy phone",
      SAMSUNG_ANDROID,
      {
        browser: { name: "Samsung Internet", version: "23.0" },
        os: { name: "Android", version: "13" },
        device: { family: "Samsung SM-S911B", model: "SM-S911B", brand: "Samsung" },
      },
      { browser: "Samsung Internet 23.0", os: "Android 13", device: "SM-S911B", "device.family": "Samsung SM-S911B" },
    ],
    [
      "a crawler",
      GOOGLEBOT,
      {
        browser: { name: "Googlebot", version: "2.1" },
        os: undefined,
        device: { family: "Spider", model: "Desktop", brand: "Spider" },
      },
      { browser: "Googlebot 2.1", device: "Desktop", "device.family": "Spider" },
    ],
  ])("%s", (_label, userAgent, contexts, tags) => {
    const event = browserEvent(userAgent);
    for (const [key, expected] of Object.entries(contexts)) {
      if (expected === undefined) expect(event.contexts?.[key]).toBeUndefined();
      else expect(event.contexts?.[key]).toMatchObject({ ...expected, type: key });
    }
    expect(tagsOf(event)).toMatchObject(tags);
  });

  it("derives nothing from garbage", () => {
    const event = browserEvent("a dont no \u0000 ((((; ;;");
    expect(event.contexts).toBeUndefined();
    expect(event.tags.map(([key]) => key)).not.toEqual(expect.arrayContaining(["browser"]));
  });

  it("keeps the contexts the SDK sent and tags from them", () => {
    const event = browserEvent(CHROME_WINDOWS, {
      contexts: { browser: { name: "Brave", version: "1.6" }, os: { name: "Windows", version: "11" } },
    });
    expect(event.contexts?.browser).toEqual({ name: "Brave", version: "1.6", browser: "Brave 1.6" });
    expect(tagsOf(event)).toMatchObject({ browser: "Brave 1.6", "browser.name": "Brave", os: "Windows 11" });
  });

  it("puts a server event's client OS in client_os, beside the server's own os", () => {
    const event = normalizeEvent(
      {
        platform: "node",
        message: "boom",
        contexts: { os: { name: "Linux", version: "6.1.0" } },
        request: { headers: [["user-agent", CHROME_WINDOWS]] },
      },
      CONTEXT,
    );
    expect(event.contexts?.os).toMatchObject({ name: "Linux", version: "6.1.0" });
    expect(event.contexts?.client_os).toEqual({ name: "Windows", version: ">=10", type: "os", os: "Windows >=10" });
    expect(tagsOf(event)).toMatchObject({ os: "Linux 6.1.0", client_os: "Windows >=10", browser: "Chrome 120.0.0" });
  });

  it("prefers client hints over the User-Agent", () => {
    const event = normalizeEvent(
      {
        platform: "javascript",
        request: {
          headers: {
            "User-Agent": CHROME_WINDOWS,
            "Sec-CH-UA": '"Not_A Brand";v="99", "Google Chrome";v="121", "Chromium";v="121"',
            "Sec-CH-UA-Platform": '"Windows"',
            "Sec-CH-UA-Platform-Version": '"15.0.0"',
          },
        },
      },
      CONTEXT,
    );
    expect(event.contexts?.browser).toMatchObject({ name: "Google Chrome", version: "121" });
    expect(event.contexts?.os).toMatchObject({ name: "Windows", version: "15.0.0" });
  });

  it("reads only the first 512 characters of a User-Agent", () => {
    expect(parseUserAgent(`${"x".repeat(512)} Chrome/120.0.0.0`).browser).toBeUndefined();
    expect(parseUserAgent(`Chrome/120.0.0.0 ${"x".repeat(600)}`).browser).toMatchObject({ family: "Chrome" });
  });
});
