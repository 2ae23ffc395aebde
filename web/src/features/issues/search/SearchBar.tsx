import { forwardRef, useEffect, useImperativeHandle, useRef, useState, type KeyboardEvent } from "react";
import { applySuggestion, isSearchField, suggest, termAt, type KnownValues, type SuggestionResult } from "./suggest";

export interface SearchBarHandle {
  focus: () => void;
}

interface Props {
  value: string;
  known: KnownValues;
  onSubmit: (query: string) => void;
  /** Called once when the bar is first focused, to load known tag values lazily. */
  onFirstFocus?: () => void;
  /** Called when a term with this key (`browser:`) is being typed, to load the key's values. */
  onValuesWanted?: (key: string) => void;
}

/** The issue search input with a suggestion list (arrow keys to pick, Enter/Tab to take, Esc to close). */
export const SearchBar = forwardRef<SearchBarHandle, Props>(function SearchBar(props, ref) {
  const input = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState(props.value);
  const [synced, setSynced] = useState(props.value);
  const [caret, setCaret] = useState(props.value.length);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const focused = useRef(false);
  useImperativeHandle(ref, () => ({ focus: () => input.current?.focus() }), []);

  // The URL's query changed under us (back button, quick filter): show it.
  if (props.value !== synced) {
    setSynced(props.value);
    setDraft(props.value);
  }

  const typingKey = open ? /^!?([^:\s]+):/.exec(termAt(draft, caret).text)?.[1] : undefined;
  const { onValuesWanted } = props;
  useEffect(() => {
    if (typingKey && !isSearchField(typingKey)) onValuesWanted?.(typingKey);
  }, [typingKey, onValuesWanted]);

  const result: SuggestionResult = open ? suggest(draft, caret, props.known) : { start: 0, end: 0, suggestions: [] };
  const choices = result.suggestions;

  function take(index: number) {
    const choice = choices[index];
    if (!choice) return;
    const next = applySuggestion(draft, result, choice);
    setDraft(next.query);
    setCaret(next.caret);
    setActive(-1);
    requestAnimationFrame(() => input.current?.setSelectionRange(next.caret, next.caret));
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" && choices.length) {
      event.preventDefault();
      setActive((n) => (n + 1) % choices.length);
    } else if (event.key === "ArrowUp" && choices.length) {
      event.preventDefault();
      setActive((n) => (n - 1 + choices.length) % choices.length);
    } else if ((event.key === "Tab" || event.key === "Enter") && open && choices[active]) {
      event.preventDefault();
      take(active);
    } else if (event.key === "Escape") {
      if (open) setOpen(false);
      else input.current?.blur();
    }
  }

  return (
    <form
      className="search"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        setOpen(false);
        props.onSubmit(draft.trim());
      }}
    >
      <input
        ref={input}
        type="search"
        aria-label="Search issues"
        placeholder="Search: is:unresolved level:error TypeError…"
        value={draft}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => {
          const position = event.target.selectionStart ?? event.target.value.length;
          setDraft(event.target.value);
          setCaret(position);
          setOpen(true);
          // Highlight the first suggestion only while a term is being typed, so Enter still searches.
          setActive(termAt(event.target.value, position).text ? 0 : -1);
        }}
        onSelect={(event) => setCaret(event.currentTarget.selectionStart ?? draft.length)}
        onFocus={() => {
          if (!focused.current) {
            focused.current = true;
            props.onFirstFocus?.();
          }
          setOpen(true);
          setActive(-1);
        }}
        onBlur={() => setTimeout(() => setOpen(false), 120)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="btn">
        Search
      </button>
      {open && choices.length > 0 ? (
        <ul className="suggestions" role="listbox" aria-label="Search suggestions">
          {choices.map((choice, index) => (
            <li
              key={choice.text}
              role="option"
              aria-selected={index === active}
              className={index === active ? "active" : undefined}
              onMouseDown={(event) => {
                event.preventDefault();
                take(index);
              }}
            >
              <code>{choice.label}</code>
              {choice.description ? <span className="muted">{choice.description}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </form>
  );
});
