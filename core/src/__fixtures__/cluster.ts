/**
 * Groups events the way the worker does: an event joins the first issue owning any of its
 * hashes. Returns the event indexes of each issue, in creation order.
 */
export function clusterByHashes(hashLists: string[][]): number[][] {
  const owner = new Map<string, number>();
  const issues: number[][] = [];
  hashLists.forEach((hashes, index) => {
    const existing = hashes.map((hash) => owner.get(hash)).find((issue) => issue !== undefined);
    const issue = existing ?? issues.push([]) - 1;
    issues[issue]?.push(index);
    for (const hash of hashes) if (!owner.has(hash)) owner.set(hash, issue);
  });
  return issues;
}
