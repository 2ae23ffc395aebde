import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch, type QueryValue } from "./client";

export interface ApiState<T> {
  data: T | undefined;
  headers: Headers | undefined;
  error: Error | undefined;
  loading: boolean;
  /** Fetches again; keeps showing the current data meanwhile. */
  reload: () => void;
}

/**
 * A GET that follows its path and query, optionally polling. While a reload (or a poll) runs the
 * old data stays on screen, so lists do not flash; a failed poll keeps the data and shows the error.
 */
export function useApi<T>(
  path: string | null,
  query: Record<string, QueryValue> = {},
  options: { pollMs?: number } = {},
): ApiState<T> {
  const [state, setState] = useState<Omit<ApiState<T>, "reload">>({
    data: undefined,
    headers: undefined,
    error: undefined,
    loading: path !== null,
  });
  const [tick, setTick] = useState(0);
  const key = path === null ? null : `${path}?${JSON.stringify(query)}`;
  const lastKey = useRef<string | null>(null);
  const queryRef = useRef(query);
  queryRef.current = query;

  useEffect(() => {
    if (key === null || path === null) return;
    const controller = new AbortController();
    const changed = lastKey.current !== key;
    lastKey.current = key;
    setState((previous) => ({
      ...previous,
      loading: true,
      ...(changed ? { data: undefined, headers: undefined, error: undefined } : {}),
    }));
    apiFetch<T>(path, { query: queryRef.current, signal: controller.signal }).then(
      ({ data, headers }) => setState({ data, headers, error: undefined, loading: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((previous) => ({
          ...previous,
          error: error instanceof Error ? error : new Error(String(error)),
          loading: false,
        }));
      },
    );
    return () => controller.abort();
  }, [key, path, tick]);

  useEffect(() => {
    if (!options.pollMs || key === null) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") setTick((n) => n + 1);
    }, options.pollMs);
    return () => clearInterval(timer);
  }, [options.pollMs, key]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}
