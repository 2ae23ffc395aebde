import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ProjectDetail } from "../../api/types";
import { ProcessingPanel } from "./ProcessingPanel";
import { EXAMPLE_EVENT } from "./ScrubbingPreview";

const project: ProjectDetail = {
  id: "3",
  slug: "checkout",
  name: "Checkout",
  platform: "node",
  dateCreated: "2024-01-01T00:00:00Z",
  dataScrubber: true,
  dataScrubberDefaults: true,
  sensitiveFields: ["order_ref"],
  safeFields: [],
  scrubIPAddresses: false,
  scrubEmails: false,
  fingerprintingRules: "",
};
const PATH = "/projects/acme/checkout/";

interface Sent {
  url: string;
  method: string;
  body: unknown;
}
let sent: Sent[] = [];
/** What the next request answers; the test sets it before clicking. */
let reply: () => Promise<Response>;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

beforeEach(() => {
  sent = [];
  reply = async () => json({});
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      sent.push({ url, method: init?.method ?? "GET", body: init?.body ? JSON.parse(String(init.body)) : undefined });
      return reply();
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function setUp() {
  const onSaved = vi.fn();
  render(<ProcessingPanel project={project} path={PATH} onSaved={onSaved} />);
  return onSaved;
}

const eventBox = () => screen.getByLabelText("Event (JSON)") as HTMLTextAreaElement;

describe("the processing panel", () => {
  it("saves the email toggle as scrubEmails with the other scrubbing settings", async () => {
    const onSaved = setUp();
    reply = async () => json({ ...project, scrubEmails: true });
    const toggle = screen.getByLabelText("Scrub email addresses") as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    fireEvent.click(toggle);
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Save" }));
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      url: "/api/0/projects/acme/checkout/",
      method: "PUT",
      body: { scrubEmails: true, dataScrubber: true, scrubIPAddresses: false, sensitiveFields: ["order_ref"] },
    });
    expect(onSaved).toHaveBeenCalled();
  });

  it("lists each bad fingerprint rule line the server refused, and does not say Saved", async () => {
    const onSaved = setUp();
    reply = async () =>
      json(
        {
          detail: 'fingerprintingRules: line 1: expected "->" followed by the fingerprint\nline 3: "->" appears twice',
        },
        400,
      );
    fireEvent.change(screen.getByLabelText("Fingerprint rules (Sentry's syntax)"), {
      target: { value: "error.type:Foo\nlevel:error -> ok\na:b -> c -> d" },
    });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Save" }));
    });
    const list = screen.getByRole("list", { name: "Fingerprint rule errors" });
    expect(
      within(list)
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual(['line 1: expected "->" followed by the fingerprint', 'line 3: "->" appears twice']);
    expect(screen.queryByText(/^Saved/)).toBeNull();
    expect(screen.getByRole("alert").textContent).toBe("Not saved: fix the fingerprint rules above.");
    expect(onSaved).not.toHaveBeenCalled();
  });

  it("previews the example event with the settings in the form and shows the result as text", async () => {
    setUp();
    expect(eventBox().value).toBe(EXAMPLE_EVENT);
    for (const word of ["password", "alice@example.com", "4111 1111 1111 1111", "Authorization"]) {
      expect(eventBox().value).toContain(word);
    }
    // Not saved: the preview still uses it.
    fireEvent.click(screen.getByLabelText("Scrub email addresses"));

    let answer: (response: Response) => void = () => undefined;
    reply = () => new Promise((resolve) => (answer = resolve));
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Preview scrubbing" }));
    });
    expect(screen.getByRole("button", { name: "Scrubbing…" }).hasAttribute("disabled")).toBe(true);
    expect(screen.getByRole("status").textContent).toMatch(/Scrubbing/);

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      url: "/api/0/projects/acme/checkout/scrubbing-preview/",
      method: "POST",
      body: {
        event: JSON.parse(EXAMPLE_EVENT),
        settings: {
          dataScrubber: true,
          dataScrubberDefaults: true,
          scrubIPAddresses: false,
          scrubEmails: true,
          sensitiveFields: ["order_ref"],
          safeFields: [],
        },
      },
    });

    const scrubbed = {
      message: "<b>Payment failed</b> for [email]",
      extra: { password: "[Filtered]", card_number: "[Filtered]" },
    };
    await act(async () => {
      answer(json({ event: scrubbed, settings: {} }));
    });
    const result = screen.getByRole("region", { name: "Scrubbed event" });
    expect(within(result).getByText((_, node) => node?.tagName === "PRE").textContent).toBe(
      JSON.stringify(scrubbed, null, 2),
    );
    // Event content is text, never markup.
    expect(result.querySelector("b")).toBeNull();
    expect(screen.getByRole("button", { name: "Preview scrubbing" }).hasAttribute("disabled")).toBe(false);
  });

  it("says what is wrong with pasted text that is not a JSON object, without a request", async () => {
    setUp();
    fireEvent.change(eventBox(), { target: { value: '{"message": "oops",' } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Preview scrubbing" }));
    });
    expect(screen.getByRole("alert").textContent).toMatch(/^Not valid JSON/);
    expect(eventBox().getAttribute("aria-invalid")).toBe("true");

    fireEvent.change(eventBox(), { target: { value: "[1, 2]" } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Preview scrubbing" }));
    });
    expect(screen.getByRole("alert").textContent).toMatch(/JSON object/);
    expect(sent).toHaveLength(0);
  });

  it("shows the server's refusal", async () => {
    setUp();
    reply = async () => json({ detail: "You do not have access to this project." }, 403);
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Preview scrubbing" }));
    });
    expect(screen.getByRole("alert").textContent).toBe("Preview failed: You do not have access to this project.");
    expect(screen.queryByRole("region", { name: "Scrubbed event" })).toBeNull();
  });
});
