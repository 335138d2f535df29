// Import and export as plain data: the requests built from what the dialogs hold, and the
// import report turned into messages, on screen and as the plain text of "Save report…".
// No Svelte and no Tauri here, so all of it is tested directly.
import type {
  DuplicateFound,
  DuplicateMatch,
  ExportRequest,
  FilePosition,
  Flavour,
  Format,
  ImportReport,
  ImportRequest,
  Message,
  OnDuplicate,
  OnUnmappable,
} from "./types";

/** What a select shows for "let the backend find out". */
export const AUTO = "auto";
export type Auto = typeof AUTO;

export const FORMATS: readonly Format[] = ["iso2709", "marcxml", "mrk"];
export const FLAVOURS: readonly Flavour[] = ["marc21", "unimarc", "rusmarc", "cnmarc"];
export const ON_DUPLICATE: readonly OnDuplicate[] = ["skip", "replace", "keep"];
export const ON_UNMAPPABLE: readonly OnUnmappable[] = ["stop", "skip"];

/** What the Import dialog holds. */
export interface ImportChoices {
  files: string[];
  format: Format | Auto;
  flavour: Flavour | Auto;
  /** A charset name from `charsets()`, or "auto". */
  encoding: string;
  onDuplicate: OnDuplicate;
  keepPartial: boolean;
}

export function importChoices(files: readonly string[] = []): ImportChoices {
  return {
    files: addFiles([], files),
    format: AUTO,
    flavour: AUTO,
    encoding: AUTO,
    onDuplicate: "skip",
    keepPartial: false,
  };
}

function orNull<T extends string>(value: T | Auto): T | null {
  return value === AUTO || value === "" ? null : (value as T);
}

/** The request for `importRecords`: "auto" becomes null (detected by the backend). */
export function importRequest(choices: ImportChoices): ImportRequest {
  return {
    files: [...choices.files],
    format: orNull(choices.format),
    flavour: orNull(choices.flavour),
    encoding: orNull(choices.encoding),
    on_duplicate: choices.onDuplicate,
    keep_partial: choices.keepPartial,
  };
}

/** What the Export dialog holds. */
export interface ExportChoices {
  format: Format;
  /** Only ISO 2709 has a choice; the other formats are always UTF-8. */
  encoding: string;
  scope: ExportScope;
  /** The flavour to crosswalk every record to, or "auto": each keeps its own. */
  flavour: Flavour | Auto;
  onUnmappable: OnUnmappable;
}

export const UNICODE = "utf-8";

export function exportChoices(): ExportChoices {
  return { scope: "all", format: "iso2709", encoding: UNICODE, flavour: AUTO, onUnmappable: "stop" };
}

/** The records an export writes: the whole catalogue, or the record chosen in the list. */
export type ExportScope = "all" | "selected";

export function exportRequest(choices: ExportChoices, path: string, selected: number | null = null): ExportRequest {
  return {
    path,
    selection: choices.scope === "selected" && selected !== null ? { kind: "records", ids: [selected] } : { kind: "all" },
    format: choices.format,
    encoding: choices.format === "iso2709" ? choices.encoding || UNICODE : UNICODE,
    flavour: orNull(choices.flavour),
    on_unmappable: choices.onUnmappable,
  };
}

/** The list with `added` appended, each path once, in the order first chosen. */
export function addFiles(current: readonly string[], added: readonly string[]): string[] {
  const out = [...current];
  for (const path of added) if (path && !out.includes(path)) out.push(path);
  return out;
}

export function removeFile(current: readonly string[], path: string): string[] {
  return current.filter((p) => p !== path);
}

/** The last part of a path, whichever separator the system uses. */
export function fileName(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, "");
  return trimmed.split(/[\\/]/).pop() || path;
}

const CHARSET_LABELS: Record<string, string> = {
  "utf-8": "UTF-8",
  "marc-8": "MARC-8",
  "iso-5426": "ISO 5426",
  cp1251: "CP1251 (Windows-1251)",
  cp866: "CP866",
  "koi8-r": "KOI8-R",
  gb18030: "GB18030",
  big5: "Big5",
};

/** A character set's usual written name (names of standards, the same in every language). */
export function charsetLabel(name: string): string {
  return CHARSET_LABELS[name] ?? name.toUpperCase();
}

// ---- The report as messages ---------------------------------------------------------

/** "file, record N, line L" / "…, byte O" / "…, record N". */
export function positionMessage(file: string, position: FilePosition): Message {
  const args = { file: fileName(file), record: position.record };
  if (typeof position.line === "number") return { code: "import-at-line", args: { ...args, line: position.line } };
  if (typeof position.offset === "number") return { code: "import-at-offset", args: { ...args, offset: position.offset } };
  return { code: "import-at-record", args };
}

/**
 * The reason of a skipped record without the "file: …" wrapper the backend adds, since the
 * report already names the file.
 */
export function problemDetail(message: Message): Message {
  const detail = message.args?.detail;
  if (message.code === "error-import-record" && typeof detail === "object" && detail !== null) return detail;
  return message;
}

/** Record ids are names, not amounts: passed as text so they are never grouped (12,345). */
function idArg(id: number | null | undefined): string {
  return typeof id === "number" ? String(id) : "—";
}

/** "record 12: same control number RU\NLR\123" / "record 12: same ISBN 978…". */
export function matchMessage(match: DuplicateMatch): Message {
  const reason = match.reason;
  if (reason.match === "control_number") {
    return { code: "import-match-control-number", args: { id: idArg(match.id), key: reason.key } };
  }
  return { code: "import-match-isbn", args: { id: idArg(match.id), isbn: reason.isbn13 } };
}

/** What was done with a duplicate. */
export function actionMessage(duplicate: DuplicateFound): Message {
  if (duplicate.action === "skip") return { code: "import-action-skip", args: {} };
  return { code: `import-action-${duplicate.action}`, args: { id: idArg(duplicate.id) } };
}

export type HeadlineKey = "imported" | "replaced" | "repaired" | "skipped" | "duplicates";

export interface Headline {
  key: HeadlineKey;
  count: number;
  /** The number, formatted as the language writes numbers. */
  figure: Message;
  /** What is counted, in the plural the number asks for. */
  label: Message;
}

export function headlines(report: ImportReport): Headline[] {
  const counts: [HeadlineKey, number][] = [
    ["imported", report.imported],
    ["replaced", report.replaced],
    ["repaired", report.repaired_total],
    ["skipped", report.skipped_total],
    ["duplicates", report.duplicates_total],
  ];
  return counts.map(([key, count]) => ({
    key,
    count,
    figure: { code: "import-report-figure", args: { count } },
    label: { code: `import-report-${key}`, args: { count } },
  }));
}

/**
 * The note under a list that shows `shown` entries of the `listed` the backend sent, of
 * `total` records in all (the backend lists a bounded number): null when all are shown.
 */
export function moreMessage(shown: number, listed: number, total: number): Message | null {
  if (total <= shown) return null;
  if (listed >= total) return { code: "import-report-more", args: { count: total - shown } };
  return { code: "import-report-more-unlisted", args: { count: total - shown, listed } };
}

// ---- The report as plain text ---------------------------------------------------------

/** A piece of a line: a message to format, or text as it is (a path). */
export type TextPart = Message | string;

/** One line of the text report; no parts is an empty line. */
export interface TextLine {
  indent: number;
  parts: TextPart[];
}

const line = (indent: number, ...parts: TextPart[]): TextLine => ({ indent, parts });
const blank = (): TextLine => ({ indent: 0, parts: [] });

/** "…and N more, not listed" after a list the backend cut short. */
function unlisted(out: TextLine[], listed: number, total: number) {
  if (total > listed) out.push(line(1, { code: "import-report-unlisted", args: { count: total - listed } }));
}

/** The report, line by line, as messages: the same content the dialog shows. */
export function reportLines(report: ImportReport, files: readonly string[], date: number): TextLine[] {
  const out: TextLine[] = [line(0, { code: "import-report-text-title", args: { date } })];
  if (report.cancelled) out.push(line(0, { code: "import-report-cancelled", args: {} }));
  out.push(blank(), line(0, { code: "import-files", args: {} }));
  for (const file of files) out.push(line(1, file));
  out.push(blank());
  for (const h of headlines(report)) out.push(line(0, h.figure, h.label));
  if (report.repaired_total > 0) {
    out.push(blank(), line(0, { code: "import-report-repaired-heading", args: {} }));
    for (const r of report.repaired) {
      out.push(line(1, positionMessage(r.file, r.position)));
      for (const note of r.notes) out.push(line(2, note));
    }
    unlisted(out, report.repaired.length, report.repaired_total);
  }
  if (report.skipped_total > 0) {
    out.push(blank(), line(0, { code: "import-report-skipped-heading", args: {} }));
    for (const s of report.skipped) {
      out.push(line(1, positionMessage(s.file, s.position)), line(2, problemDetail(s.message)));
    }
    unlisted(out, report.skipped.length, report.skipped_total);
  }
  if (report.duplicates_total > 0) {
    out.push(blank(), line(0, { code: "import-report-duplicates-heading", args: {} }));
    for (const d of report.duplicates) {
      out.push(line(1, positionMessage(d.file, d.position)));
      for (const m of d.matches) out.push(line(2, matchMessage(m)));
      out.push(line(2, actionMessage(d)));
    }
    unlisted(out, report.duplicates.length, report.duplicates_total);
  }
  return out;
}

/** Formats messages in one go, in the same order (the backend's `formatMessages`). */
export type FormatMany = (messages: Message[]) => Promise<string[]>;

/**
 * The plain text of the report in the current language: every message formatted in one
 * round trip, lines indented by two spaces a level, ending with a newline.
 */
export async function composeReport(
  report: ImportReport,
  files: readonly string[],
  date: number,
  format: FormatMany,
): Promise<string> {
  const lines = reportLines(report, files, date);
  const messages = lines.flatMap((l) => l.parts.filter((p): p is Message => typeof p !== "string"));
  const texts = messages.length > 0 ? await format(messages) : [];
  let next = 0;
  const rendered = lines.map((l) => {
    const parts = l.parts.map((p) => (typeof p === "string" ? p : (texts[next++] ?? p.code)));
    return parts.length === 0 ? "" : "  ".repeat(l.indent) + parts.join(" ");
  });
  return rendered.join("\n") + "\n";
}
