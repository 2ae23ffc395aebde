import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/client";
import { TypedConfirmDelete } from "./TypedConfirmDelete";

afterEach(cleanup);

function setUp(onDelete: () => Promise<void>, refusal?: string) {
  render(
    <TypedConfirmDelete
      title="Delete project"
      confirmWord="checkout"
      buttonLabel="Delete project"
      refusal={refusal}
      onDelete={onDelete}
    >
      Deletes Checkout.
    </TypedConfirmDelete>,
  );
  return {
    box: screen.getByLabelText("Type checkout to confirm"),
    button: screen.getByRole("button", { name: "Delete project" }) as HTMLButtonElement,
  };
}

describe("deleting by typing the slug", () => {
  it("keeps the button disabled until the slug is typed exactly", async () => {
    const onDelete = vi.fn(async () => undefined);
    const { box, button } = setUp(onDelete);
    expect(button.disabled).toBe(true);
    fireEvent.change(box, { target: { value: "Checkout" } });
    expect(button.disabled).toBe(true);
    fireEvent.change(box, { target: { value: "checkout" } });
    expect(button.disabled).toBe(false);
    await act(async () => {
      fireEvent.click(button);
    });
    expect(onDelete).toHaveBeenCalledTimes(1);
  });

  it("shows why the deletion failed", async () => {
    const { box, button } = setUp(async () => {
      throw new ApiError(403, "Your role (admin) does not allow this: only owners delete.");
    });
    fireEvent.change(box, { target: { value: "checkout" } });
    await act(async () => {
      fireEvent.click(button);
    });
    expect(screen.getByRole("alert").textContent).toBe("Your role (admin) does not allow this: only owners delete.");
  });

  it("is disabled, with the reason, for those who may not delete", () => {
    const { box } = setUp(vi.fn(), "Only the organization's owners delete it.");
    expect(box.closest("fieldset")?.disabled).toBe(true);
    expect(screen.getByText("Only the organization's owners delete it.")).toBeTruthy();
  });
});
