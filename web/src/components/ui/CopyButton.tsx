import { useState } from "react";

/** Copies text to the clipboard; falls back to selecting a hidden textarea where the API is missing. */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const area = document.createElement("textarea");
      area.value = text;
      document.body.appendChild(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  }
  return (
    <button type="button" className="btn btn-small" onClick={() => void copy()}>
      {copied ? "Copied" : label}
    </button>
  );
}
