// Small helpers for the text-mode editor.
import type { Flavour, Lang } from "./bindings";

/**
 * The UTF-16 offset in `text` of a 1-based line and column, where columns count Unicode
 * characters (as the backend's .mrk parser does). Clamped to the line and the text.
 */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf("\n", offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  let lineEnd = text.indexOf("\n", offset);
  if (lineEnd === -1) lineEnd = text.length;
  let remaining = Math.max(0, column - 1);
  while (remaining > 0 && offset < lineEnd) {
    const code = text.codePointAt(offset) ?? 0;
    offset += code > 0xffff ? 2 : 1;
    remaining -= 1;
  }
  return Math.min(offset, lineEnd);
}

/** The flavour a new record gets by default: what the UI language's libraries use. */
export function defaultFlavour(lang: Lang): Flavour {
  switch (lang) {
    case "ru":
      return "rusmarc";
    case "zh-CN":
      return "cnmarc";
    default:
      return "marc21";
  }
}

/** Whether an indicator is blank (a space, or the "\" of the .mrk text). */
export function isBlankIndicator(indicator: string): boolean {
  return indicator === "" || indicator === " " || indicator === "\\" || indicator === "#";
}
