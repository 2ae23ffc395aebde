/** The Sentry line under a fully selected page: extend the selection to every match, or back. */
export function SelectAllMatching(props: {
  pageCount: number;
  hits: number;
  maxHits: number;
  allMatching: boolean;
  onChange: (allMatching: boolean) => void;
}) {
  const { pageCount, hits, maxHits, allMatching } = props;
  if (hits <= pageCount) return null;
  // Past X-Max-Hits the count is a floor; the bulk update stops there too.
  const total = hits >= maxHits ? `${maxHits}+` : String(hits);
  return (
    <div className="select-all-matching" role="status">
      {allMatching ? (
        <>
          All {total} issues matching this search are selected
          {hits >= maxHits ? ` (changes apply to the first ${maxHits})` : ""}.{" "}
          <button type="button" className="link-button" onClick={() => props.onChange(false)}>
            Select only this page
          </button>
        </>
      ) : (
        <>
          All {pageCount} issues on this page are selected.{" "}
          <button type="button" className="link-button" onClick={() => props.onChange(true)}>
            Select all {total} matching
          </button>
        </>
      )}
    </div>
  );
}
