import type { UpdateIssueBody } from "@faultline/contracts";
import { AssigneePicker } from "../issue/AssigneePicker";
import { MergeButton } from "./MergeButton";
import { IgnoreMenu } from "./IgnoreMenu";

/** What can be done to the selected issues (or every issue the search matches) at once. */
export function BulkActions(props: {
  count: number;
  /** Set when the actions apply to every issue the search matches (this many) instead. */
  matching?: number;
  busy: boolean;
  onAction: (change: UpdateIssueBody | "delete") => void;
}) {
  const button = (label: string, change: UpdateIssueBody | "delete", danger = false) => (
    <button
      type="button"
      className={`btn btn-small${danger ? " btn-danger" : ""}`}
      disabled={props.busy}
      onClick={() => props.onAction(change)}
    >
      {label}
    </button>
  );
  return (
    <div className="bulk-actions" role="toolbar" aria-label="Bulk actions">
      <span className="muted">
        {props.matching === undefined ? `${props.count} selected` : `All ${props.matching} matching`}
      </span>
      {button("Resolve", { status: "resolved" })}
      <IgnoreMenu busy={props.busy} onIgnore={props.onAction} />
      {button("Unresolve", { status: "unresolved" })}
      <AssigneePicker small busy={props.busy} onAssign={(assignedTo) => props.onAction({ assignedTo })} />
      <MergeButton count={props.count} busy={props.busy} onMerge={() => props.onAction({ merge: true })} />
      {button("Delete", "delete", true)}
    </div>
  );
}
