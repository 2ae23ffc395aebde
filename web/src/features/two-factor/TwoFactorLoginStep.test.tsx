import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TwoFactorLoginStep } from "./TwoFactorLoginStep";

const fetchMock = vi.fn<typeof fetch>();
beforeEach(() => {
  vi.stubGlobal("fetch", fetchMock);
});
afterEach(() => {
  cleanup();
  fetchMock.mockReset();
  vi.unstubAllGlobals();
});

const sentBody = (call: number) => JSON.parse(String(fetchMock.mock.calls[call]?.[1]?.body)) as Record<string, string>;

describe("the sign-in's code step", () => {
  it("sends the code with the pending sign-in, and shows a wrong code's error", async () => {
    fetchMock.mockResolvedValueOnce(Response.json({ detail: "Invalid or already used code." }, { status: 401 }));
    fetchMock.mockResolvedValueOnce(Response.json({ user: { id: "1" } }));
    const signedIn = vi.fn();
    render(<TwoFactorLoginStep pendingLogin="fl2fa_abc" onSignedIn={signedIn} />);
    fireEvent.change(screen.getByLabelText("Code"), { target: { value: "123456" } });
    fireEvent.click(screen.getByRole("button", { name: "Verify" }));
    await screen.findByText("Invalid or already used code.");
    expect(String(fetchMock.mock.calls[0]?.[0])).toBe("/api/0/auth/login/two-factor/");
    expect(sentBody(0)).toEqual({ pendingLogin: "fl2fa_abc", code: "123456" });
    expect(signedIn).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText("Code"), { target: { value: "654321" } });
    fireEvent.click(screen.getByRole("button", { name: "Verify" }));
    await waitFor(() => expect(signedIn).toHaveBeenCalledTimes(1));
  });

  it("takes a recovery code instead", async () => {
    fetchMock.mockResolvedValueOnce(Response.json({ user: { id: "1" } }));
    const signedIn = vi.fn();
    render(<TwoFactorLoginStep pendingLogin="fl2fa_abc" onSignedIn={signedIn} />);
    fireEvent.click(screen.getByRole("button", { name: "Use a recovery code" }));
    fireEvent.change(screen.getByLabelText("Recovery code"), { target: { value: "k7qm-x2pa-9tzd" } });
    fireEvent.click(screen.getByRole("button", { name: "Verify" }));
    await waitFor(() => expect(signedIn).toHaveBeenCalled());
    expect(sentBody(0)).toEqual({ pendingLogin: "fl2fa_abc", recoveryCode: "k7qm-x2pa-9tzd" });
  });
});
