import { useOrg } from "../layout/org-context";
import { canManageMembers } from "./permissions";

const ROLES = ["owner", "admin", "member", "viewer"] as const;

/**
 * A member's role (Sentry's `orgRole`) and removal, as the API allows them: owners and admins
 * change and remove members; only owners make, unmake or remove owners.
 */
export function MemberRoleControls(props: {
  member: { id: string; email: string; role: string };
  onRoleChange: (orgRole: string) => void;
  onRemove: () => void;
}) {
  const { org } = useOrg();
  const { member } = props;
  const manager = canManageMembers(org);
  const owner = org.orgRole === "owner";
  // An admin can neither give nor take the owner role: an owner's row is read-only to them.
  const roleLocked = !manager || (!owner && member.role === "owner");
  const canRemove = manager && (owner || member.role !== "owner");

  return (
    <>
      <td>
        <select
          aria-label={`Role of ${member.email}`}
          value={member.role}
          disabled={roleLocked}
          onChange={(event) => props.onRoleChange(event.target.value)}
        >
          {ROLES.map((role) => (
            <option key={role} value={role} disabled={role === "owner" && !owner}>
              {role}
            </option>
          ))}
        </select>
      </td>
      <td className="num">
        {canRemove ? (
          <button type="button" className="btn btn-small btn-danger" onClick={props.onRemove}>
            Remove
          </button>
        ) : null}
      </td>
    </>
  );
}
