import { useCallback, useEffect, useRef, useState } from "react";
import { apiGet } from "../../api/client";
import { useOrg } from "../layout/org-context";
import type { KnownValues } from "./search/suggest";

interface OrgTagKey {
  key: string;
}
interface OrgTagValue {
  value: string;
}

/** Values fetched per key: enough for a suggestion list that narrows as the user types. */
const VALUES_PER_KEY = 100;

/**
 * Tag keys and values for search suggestions, from the organization's tags (Sentry's
 * `/organizations/{org}/tags/`, narrowed to the selected project): the keys once, when the search
 * bar is first focused; a key's values the first time a term with that key is typed.
 */
export function useKnownTags(project: string | undefined): {
  known: KnownValues;
  load: () => void;
  loadValues: (key: string) => void;
} {
  const { org } = useOrg();
  const [known, setKnown] = useState<KnownValues>({ tags: { environment: [], release: [] } });
  const loaded = useRef(new Set<string>());
  const scope = { project };
  const scopeRef = useRef(scope);
  scopeRef.current = scope;

  const load = useCallback(() => {
    if (loaded.current.has("")) return;
    loaded.current.add("");
    void apiGet<OrgTagKey[]>(`/organizations/${org.slug}/tags/`, scopeRef.current)
      .then((keys) =>
        setKnown((previous) => {
          const tags = { ...previous.tags };
          for (const { key } of keys) tags[key] ??= [];
          return { tags };
        }),
      )
      .catch(() => loaded.current.delete(""));
  }, [org.slug]);

  const loadValues = useCallback(
    (key: string) => {
      if (loaded.current.has(`:${key}`)) return;
      loaded.current.add(`:${key}`);
      const path = `/organizations/${org.slug}/tags/${encodeURIComponent(key)}/values/`;
      void apiGet<OrgTagValue[]>(path, { ...scopeRef.current, per_page: VALUES_PER_KEY })
        .then((values) =>
          setKnown((previous) => ({ tags: { ...previous.tags, [key]: values.map((item) => item.value) } })),
        )
        .catch(() => loaded.current.delete(`:${key}`));
    },
    [org.slug],
  );

  // Another project picked: what was loaded was that project's; the keys load again at once if
  // they had been (the bar asks only on its first focus), the values as their keys are typed.
  const firstProject = useRef(project);
  useEffect(() => {
    if (firstProject.current === project) return;
    firstProject.current = project;
    const hadKeys = loaded.current.has("");
    loaded.current.clear();
    setKnown({ tags: { environment: [], release: [] } });
    if (hadKeys) load();
  }, [project, load]);

  return { known, load, loadValues };
}
