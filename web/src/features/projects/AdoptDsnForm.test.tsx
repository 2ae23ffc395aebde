import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ProjectKey } from "../../api/types";
import type { ApiState } from "../../api/use-api";
import { KeysPanel } from "./KeysPanel";
import { readDsn } from "./AdoptDsnForm";

interface Sent {
  url: string;
  method: string;
  body: unknown;
}
let sent: Sent[] = [];
let reply: () => Response;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

beforeEach(() => {
  sent = [];
  reply = () => json({}, 201);
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

function renderPanel() {
  const keys = { data: [] as ProjectKey[], error: undefined, reload: vi.fn() } as unknown as ApiState<ProjectKey[]>;
  render(<KeysPanel basePath="/projects/acme/checkout/" keys={keys} />);
  return keys;
}

async function adopt(dsn: string) {
  fireEvent.change(screen.getByLabelText("Existing DSN"), { target: { value: dsn } });
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Add DSN" }));
  });
}

describe("Add an existing DSN", () => {
  it("reads key, secret and project id from the pasted DSN and posts them to the keys API", async () => {
    const keys = renderPanel();
    await adopt(" https://0123456789abcdef0123456789abcdef:fedcba@o1.ingest.sentry.io/4505123456789012 ");
    expect(sent).toEqual([
      {
        url: expect.stringContaining("/api/0/projects/acme/checkout/keys/") as string,
        method: "POST",
        body: {
          name: "Adopted DSN",
          public: "0123456789abcdef0123456789abcdef",
          secret: "fedcba",
          projectId: "4505123456789012",
        },
      },
    ]);
    expect(keys.reload).toHaveBeenCalled();
    expect((screen.getByLabelText("Existing DSN") as HTMLInputElement).value).toBe("");
  });

  it("shows the server's refusal and keeps what was typed", async () => {
    renderPanel();
    reply = () => json({ detail: "This public key is already used by another project." }, 409);
    await adopt("https://0123456789abcdef0123456789abcdef@o1.ingest.sentry.io/42");
    expect(screen.getByRole("alert").textContent).toBe("This public key is already used by another project.");
    expect((screen.getByLabelText("Existing DSN") as HTMLInputElement).value).toContain("/42");
  });

  it("says what is missing before asking the server", async () => {
    renderPanel();
    await adopt("not a url");
    expect(screen.getByRole("alert").textContent).toMatch(/not a DSN/);
    expect(sent).toEqual([]);
    expect(readDsn("https://key@host/abc")).toBe("This DSN does not end with a project id.");
    expect(readDsn("https://host/12")).toBe("This DSN has no public key (the part before @).");
  });
});
