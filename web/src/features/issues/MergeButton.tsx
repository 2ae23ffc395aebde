/**
 * Merges the selected issues (two or more) after a confirmation. As Sentry does, the issue seen
 * first is kept; the others' events, users, tags and comments move into it, and their
 * fingerprints lead there from then on.
 */
export function MergeButton(props: { count: number; busy: boolean; onMerge: () => void }) {
  if (props.count < 2) return null;
  return (
    <button
      type="button"
      className="btn btn-small"
      disabled={props.busy}
      onClick={() => {
        if (window.confirm(`Merge these ${props.count} issues into one? The issue seen first is kept.`))
          props.onMerge();
      }}
    >
      Merge
    </button>
  );
}
