import { useEffect, useRef } from "react";

export interface ListKeyHandlers {
  move: (delta: number) => void;
  open: () => void;
  resolve: () => void;
  ignore: () => void;
  toggle: () => void;
  focusSearch: () => void;
}

/** j/k move, o/Enter open, r resolve, i ignore, x select, / search — never while typing in a field. */
export function useListKeys(handlers: ListKeyHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      const h = ref.current;
      const actions: Record<string, () => void> = {
        j: () => h.move(1),
        k: () => h.move(-1),
        o: h.open,
        Enter: h.open,
        r: h.resolve,
        i: h.ignore,
        x: h.toggle,
        "/": h.focusSearch,
      };
      const action = actions[event.key];
      if (!action) return;
      // Enter on a link or button keeps its own meaning.
      if (event.key === "Enter" && target && /^(A|BUTTON)$/.test(target.tagName)) return;
      event.preventDefault();
      action();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
