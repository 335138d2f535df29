// The shapes the UI works with, taken from what the generated commands actually return or
// accept, so the UI follows bindings.ts whatever names the generator gives its types.
import type { commands } from "./bindings";

export type {
  Arg,
  Flavour,
  Format,
  ImportProgress,
  Lang,
  ListRequest,
  Message,
  OnDuplicate,
  OnUnmappable,
  Scope,
  SortBy,
  Status,
} from "./bindings";

type Returned<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

export type AppInfo = Returned<typeof commands.appInfo>;
export type CatalogueInfo = NonNullable<AppInfo["catalogue"]>;
export type UiMessages = Returned<typeof commands.uiMessages>;
export type ListPage = Returned<typeof commands.listRecords>;
export type RecordRow = ListPage["rows"][number];
export type RecordDetail = Returned<typeof commands.getRecord>;
export type StoredRecord = RecordDetail["stored"];
export type MarcRecord = StoredRecord["record"];
export type MarcField = MarcRecord["fields"][number];
export type RecordVersion = Returned<typeof commands.recordHistory>[number];
export type RecordDraft = Parameters<typeof commands.saveRecord>[0];
export type ImportRequest = Parameters<typeof commands.importRecords>[0];
export type ImportReport = Returned<typeof commands.importRecords>;
export type RepairedRecord = ImportReport["repaired"][number];
export type SkippedRecord = ImportReport["skipped"][number];
export type DuplicateFound = ImportReport["duplicates"][number];
export type DuplicateMatch = DuplicateFound["matches"][number];
/** Where a record is in its file; the optional fields are absent or null alike. */
export type FilePosition = { record: number; line?: number | null; offset?: number | null };
export type ExportRequest = Parameters<typeof commands.exportRecords>[0];
export type ExportReport = Returned<typeof commands.exportRecords>;

/** Ids and versions are integers on the wire; the generator may type them as nullable. */
export function num(value: number | null | undefined): number {
  return typeof value === "number" ? value : 0;
}
