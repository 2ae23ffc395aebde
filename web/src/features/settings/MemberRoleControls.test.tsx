import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OrgContext } from "../layout/org-context";
import { MemberRoleControls } from "./MemberRoleControls";
import { orgAs } from "./settings-test-support";

afterEach(cleanup);

function setUp(callerRole: "owner" | "admin" | "member" | "viewer", memberRole: string) {
  const onRoleChange = vi.fn();
  const onRemove = vi.fn();
  render(
    <OrgContext.Provider value={{ org: orgAs(callerRole), reloadOrg: () => undefined }}>
      <table>
        <tbody>
          <tr>
            <MemberRoleControls
              member={{ id: "7", email: "sam@example.com", role: memberRole }}
              onRoleChange={onRoleChange}
              onRemove={onRemove}
            />
          </tr>
        </tbody>
      </table>
    </OrgContext.Provider>,
  );
  const select = screen.getByLabelText("Role of sam@example.com") as HTMLSelectElement;
  const ownerOption = () => [...select.options].find((option) => option.value === "owner");
  return { onRoleChange, onRemove, select, ownerOption };
}

describe("a member's role and removal", () => {
  it("an owner changes any role, owner included, and removes", () => {
    const { onRoleChange, onRemove, select, ownerOption } = setUp("owner", "member");
    expect(ownerOption()?.disabled).toBe(false);
    fireEvent.change(select, { target: { value: "admin" } });
    expect(onRoleChange).toHaveBeenCalledWith("admin");
    fireEvent.click(screen.getByRole("button", { name: "Remove" }));
    expect(onRemove).toHaveBeenCalled();
  });

  it("an admin changes members but cannot make an owner, nor touch one", () => {
    const { select, ownerOption } = setUp("admin", "viewer");
    expect(select.disabled).toBe(false);
    expect(ownerOption()?.disabled).toBe(true);
    cleanup();
    const owner = setUp("admin", "owner");
    expect(owner.select.disabled).toBe(true);
    expect(screen.queryByRole("button", { name: "Remove" })).toBeNull();
  });

  it("members and viewers see roles but change nothing", () => {
    for (const role of ["member", "viewer"] as const) {
      const { select } = setUp(role, "admin");
      expect(select.disabled).toBe(true);
      expect(screen.queryByRole("button", { name: "Remove" })).toBeNull();
      cleanup();
    }
  });
});
