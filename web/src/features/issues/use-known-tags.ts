import { useCallback, useRef, useState } from "react";
import { apiGet } from "../../api/client";
import type { TagSummary } from "../../api/types";
import type { KnownValues } from "./search/suggest";

/**
 * Tag keys and values for search suggestions, learned from the tags of the issues on screen
 * (the API has no project-wide tag listing yet). Loaded once, when the search bar is first focused.
 */
export function useKnownTags(issueIds: string[]): { known: KnownValues; load: () => void } {
  const [known, setKnown] = useState<KnownValues>({ tags: { environment: [], release: [] } });
  const loaded = useRef(false);
  const ids = useRef(issueIds);
  ids.current = issueIds;
  const load = useCallback(() => {
    if (loaded.current) return;
    loaded.current = true;
    const wanted = ids.current.slice(0, 5);
    void Promise.allSettled(wanted.map((id) => apiGet<TagSummary[]>(`/issues/${id}/tags/`))).then((answers) => {
      const counts = new Map<string, Map<string, number>>();
      for (const answer of answers) {
        if (answer.status !== "fulfilled") continue;
        for (const tag of answer.value) {
          const values = counts.get(tag.key) ?? new Map<string, number>();
          for (const top of tag.topValues) values.set(top.value, (values.get(top.value) ?? 0) + top.count);
          counts.set(tag.key, values);
        }
      }
      const tags: Record<string, string[]> = { environment: [], release: [] };
      for (const [key, values] of counts)
        tags[key] = [...values.entries()].sort((a, b) => b[1] - a[1]).map(([value]) => value);
      setKnown({ tags });
    });
  }, []);
  return { known, load };
}
