import type { UpdateIssueBody } from "@faultline/contracts";
import { useRef } from "react";

type StatusDetails = NonNullable<UpdateIssueBody["statusDetails"]>;

interface Choice {
  label: string;
  details: StatusDetails;
}

/** Sentry's ignore menu: for a while, until it occurs N more times, until N more users. */
const GROUPS: { title: string; choices: Choice[] }[] = [
  {
    title: "For",
    choices: [
      { label: "30 minutes", details: { ignoreDuration: 30 } },
      { label: "2 hours", details: { ignoreDuration: 120 } },
      { label: "24 hours", details: { ignoreDuration: 1440 } },
      { label: "1 week", details: { ignoreDuration: 10080 } },
    ],
  },
  {
    title: "Until it occurs again",
    choices: [10, 100, 1000].map((count) => ({ label: `${count} times`, details: { ignoreCount: count } })),
  },
  {
    title: "Until it affects",
    choices: [10, 100, 1000].map((count) => ({ label: `${count} more users`, details: { ignoreUserCount: count } })),
  },
];

/** "Ignore" (forever) and a menu of durations and conditions; each choice is one PUT body. */
export function IgnoreMenu(props: { busy: boolean; onIgnore: (change: UpdateIssueBody) => void }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const choose = (change: UpdateIssueBody) => {
    menu.current?.removeAttribute("open");
    props.onIgnore(change);
  };
  return (
    <span className="split-button">
      <button
        type="button"
        className="btn btn-small"
        disabled={props.busy}
        onClick={() => props.onIgnore({ status: "ignored" })}
      >
        Ignore
      </button>
      <details className="menu" ref={menu}>
        <summary className="btn btn-small" aria-label="Ignore until…">
          ▾
        </summary>
        <div className="menu-panel" role="menu" aria-label="Ignore until">
          {GROUPS.map((group) => (
            <div key={group.title} role="group" aria-label={group.title}>
              <div className="menu-title muted">{group.title}</div>
              {group.choices.map((choice) => (
                <button
                  key={choice.label}
                  type="button"
                  role="menuitem"
                  disabled={props.busy}
                  onClick={() => choose({ status: "ignored", statusDetails: choice.details })}
                >
                  {choice.label}
                </button>
              ))}
            </div>
          ))}
        </div>
      </details>
    </span>
  );
}
