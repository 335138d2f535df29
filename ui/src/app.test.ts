// @vitest-environment happy-dom
// The whole window mounted against a fake backend (the Tauri IPC is mocked with
// @tauri-apps/api/mocks, channels included): start-up, the list, viewing, editing with a
// parse error, saving, deleting, the language switch, the error banner, import (progress,
// report, cancel, files from the command line), export, and that record text and file
// names are never interpreted as HTML.
/// <reference types="node" />
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { Channel } from "@tauri-apps/api/core";
import type { FileDrop, ImportProgress, ImportReport, Lang, Message } from "./lib/bindings";

const LOCALES = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "locales");

/** The plain one-line messages of a language, as `uiMessages` would give them. */
function plainMessages(lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of ["app.ftl", "errors.ftl", "exchange.ftl"]) {
    const text = readFileSync(join(LOCALES, lang, file), "utf8");
    for (const m of text.matchAll(/^([a-z][a-z0-9-]*) = ([^{\n]+)$/gm)) out[m[1]] = m[2];
  }
  return out;
}

interface FakeRecord {
  id: number;
  title: string;
  text: string;
  status: "draft" | "complete";
  flavour: "marc21" | "unimarc" | "rusmarc" | "cnmarc";
  version: number;
  deleted: boolean;
  versions: { version: number; text: string; title: string }[];
}

function titleOf(text: string): string {
  return /^=(?:200|245) {2}..\$a([^$\n]*)/m.exec(text)?.[1] ?? "";
}

/** An import the fake backend is running: the test sends progress and finishes it. */
interface RunningImport {
  request: { files: string[]; keep_partial: boolean };
  channel: Channel<ImportProgress>;
  resolve: (report: ImportReport) => void;
  reject: (error: Message) => void;
  sent: number;
}

function fakeBackend() {
  const state = {
    lang: "en" as Lang,
    problem: null as Message | null,
    nextId: 4,
    calls: [] as { cmd: string; args: Record<string, unknown> }[],
    records: [] as FakeRecord[],
    pendingImport: [] as string[],
    drops: null as Channel<FileDrop> | null,
    dropsSent: 0,
    picked: null as string[] | null,
    importing: null as RunningImport | null,
    /** What a cancelled import with keep_partial reports. */
    partial: null as ImportReport | null,
    exportPath: null as string | null,
    exportStop: false,
    reports: [] as string[],
  };
  const add = (id: number, title: string, deleted = false) => {
    const text = `=LDR  00000nam0\\2200000\\\\\\450\\\n=200  1\\$a${title}$fAuthor ${id}`;
    state.records.push({ id, title, text, status: "complete", flavour: "rusmarc", version: 1, deleted, versions: [{ version: 1, text, title }] });
  };
  add(1, "Война и мир");
  add(2, "<img src=x onerror=alert(1)>");
  add(3, "呐喊");
  add(99, "Old book", true);

  const stored = (r: FakeRecord) => ({
    stored: {
      id: r.id,
      flavour: r.flavour,
      status: r.status,
      version: r.version,
      record: {
        leader: "00000nam0 2200000   450 ",
        fields: [
          { kind: "control", tag: "001", value: `ID-${r.id}` },
          { kind: "data", tag: "200", ind1: "1", ind2: " ", subfields: [{ code: "a", value: r.title }] },
          { kind: "data", tag: "856", ind1: "4", ind2: " ", subfields: [{ code: "u", value: "javascript:alert(1)" }] },
        ],
      },
      summary: { title: r.title, sort_title: r.title, responsibility: `Author ${r.id}`, year: 2008, language: "rus", isbn: null },
      created_at: 1_700_000_000_000,
      modified_at: 1_700_000_000_000 + r.version,
      deleted_at: r.deleted ? 1_700_000_100_000 : null,
    },
    text: r.text,
  });
  const ordered = (trash: boolean, descending: boolean) => {
    const rows = state.records.filter((r) => r.deleted === trash).sort((a, b) => a.title.localeCompare(b.title, state.lang));
    return descending ? rows.reverse() : rows;
  };
  const find = (id: unknown) => {
    const r = state.records.find((x) => x.id === id);
    if (!r) throw { code: "error-no-such-record", args: { id: Number(id) } };
    return r;
  };
  const appInfo = () => ({
    lang: state.lang,
    version: "0.1.0",
    catalogue: {
      path: "/home/librarian/Main library.qiao",
      name: "Main library",
      records: state.records.filter((r) => !r.deleted).length,
      trash: state.records.filter((r) => r.deleted).length,
    },
    recent: ["/home/librarian/Main library.qiao"],
    problem: state.problem,
  });

  const handlers: Record<string, (args: Record<string, unknown>) => unknown> = {
    app_info: () => appInfo(),
    ui_messages: () => ({ lang: state.lang, messages: plainMessages(state.lang) }),
    set_language: ({ lang }) => {
      state.lang = lang as Lang;
      return { lang: state.lang, messages: plainMessages(state.lang) };
    },
    format_messages: ({ messages }) =>
      (messages as Message[]).map((m) => `${state.lang}|${m.code}|${JSON.stringify(m.args)}`),
    list_records: ({ request }) => {
      const q = request as { scope: string; descending: boolean; offset: number; limit: number };
      const all = ordered(q.scope === "trash", q.descending);
      return {
        total: all.length,
        offset: q.offset,
        rows: all.slice(q.offset, q.offset + q.limit).map((r) => ({
          id: r.id,
          flavour: r.flavour,
          status: r.status,
          title: r.title,
          responsibility: `Author ${r.id}`,
          year: 2008,
          language: "rus",
          isbn: null,
          modified_at: 0,
        })),
      };
    },
    record_position: ({ id, scope, descending }) => {
      const index = ordered(scope === "trash", descending as boolean).findIndex((r) => r.id === id);
      return index < 0 ? null : index;
    },
    get_record: ({ id }) => stored(find(id)),
    new_record_text: ({ flavour }) => `=LDR  00000nam0\\2200000\\\\\\450\\\n=200  1\\$a\n=801  \\0$a${flavour}`,
    save_record: ({ draft }) => {
      const d = draft as { id: number | null; text: string; status: "draft" | "complete"; expected_version: number | null };
      const lines = d.text.split("\n");
      const bad = lines.findIndex((line) => line !== "" && !line.startsWith("="));
      if (bad >= 0) throw { code: "mrk-expected-equals", args: { line: bad + 1, column: 1 } };
      const title = titleOf(d.text);
      if (d.id === null) {
        const r: FakeRecord = { id: state.nextId++, title, text: d.text, status: d.status, flavour: "rusmarc", version: 1, deleted: false, versions: [] };
        r.versions.push({ version: 1, text: d.text, title });
        state.records.push(r);
        return stored(r);
      }
      const r = find(d.id);
      if (d.expected_version !== r.version) {
        throw { code: "error-record-conflict", args: { id: r.id, expected: d.expected_version ?? 0, current: r.version } };
      }
      Object.assign(r, { title, text: d.text, status: d.status, version: r.version + 1 });
      r.versions.push({ version: r.version, text: d.text, title });
      return stored(r);
    },
    delete_record: ({ id }) => {
      find(id).deleted = true;
      return null;
    },
    restore_record: ({ id }) => {
      find(id).deleted = false;
      return null;
    },
    purge_record: ({ id }) => {
      state.records = state.records.filter((r) => r.id !== id);
      return null;
    },
    record_history: ({ id }) => {
      const r = find(id);
      return [...r.versions].reverse().map((v) => ({
        version: v.version,
        saved_at: 1_700_000_000_000 + v.version,
        status: r.status,
        flavour: r.flavour,
        title: v.title,
        current: v.version === r.version,
      }));
    },
    watch_file_drops: ({ channel }) => {
      state.drops = channel as Channel<FileDrop>;
      return null;
    },
    take_pending_import: () => {
      const files = state.pendingImport;
      state.pendingImport = [];
      return files;
    },
    charsets: () => ["utf-8", "marc-8", "iso-5426", "cp1251", "cp866", "koi8-r", "gb18030", "big5"],
    pick_import_files: () => state.picked,
    import_records: ({ request, progress }) =>
      new Promise((resolve, reject) => {
        state.importing = {
          request: request as RunningImport["request"],
          channel: progress as Channel<ImportProgress>,
          resolve,
          reject,
          sent: 0,
        };
      }),
    cancel_import: () => {
      const running = state.importing;
      if (running) {
        if (running.request.keep_partial && state.partial) running.resolve({ ...state.partial, cancelled: true });
        else running.reject({ code: "error-import-cancelled", args: {} });
        state.importing = null;
      }
      return null;
    },
    pick_export_file: () => state.exportPath,
    export_records: ({ request }) => {
      const r = request as { path: string; encoding: string; flavour: string | null };
      if (state.exportStop) {
        throw {
          code: "error-export-stopped",
          args: {
            file: "cat.mrc",
            detail: { code: "export-unmappable", args: { record: 2, tag: "245", character: "Ѣ", code: "U+0462", charset: r.encoding } },
          },
        };
      }
      return {
        written: 2,
        skipped: [
          {
            file: r.path,
            position: { record: 2, line: null, offset: null },
            message: { code: "export-unmappable", args: { record: 2, tag: "245", character: "Ѣ", code: "U+0462", charset: r.encoding } },
          },
        ],
        repaired: [],
        unreadable: [],
        skipped_total: 1,
        repaired_total: 0,
        unreadable_total: 0,
        losses_total: r.flavour ? 1 : 0,
        losses: r.flavour
          ? [
              {
                file: r.path,
                position: { record: 7, line: null, offset: null },
                from: "cnmarc",
                to: r.flavour,
                losses: [{ code: "crosswalk-no-equivalent-subfield", args: { place: "200 $9", tag: "200", subfield: "9", value: "na han" } }],
              },
            ]
          : [],
      };
    },
    save_report: ({ text }) => {
      state.reports.push(text as string);
      return "/home/librarian/import report.txt";
    },
    get_version: ({ at }) => {
      const { id, version } = at as { id: number; version: number };
      const r = find(id);
      const v = r.versions.find((x) => x.version === version)!;
      return { ...stored({ ...r, title: v.title, text: v.text }), text: v.text };
    },
  };

  const invoke = vi.fn(async (cmd: string, args: Record<string, unknown> = {}) => {
    state.calls.push({ cmd, args });
    const handler = handlers[cmd];
    if (!handler) throw `command ${cmd} not found`;
    return handler(args);
  });
  return { state, invoke };
}

let backend = fakeBackend();
// Svelte is imported afresh with the app after each vi.resetModules(): one runtime per test.
let svelte: typeof import("svelte");
const flushSync = () => svelte.flushSync();

/** Sends one progress message through the import's channel, as the Rust side does. */
function sendProgress(progress: ImportProgress) {
  const running = backend.state.importing;
  if (!running) throw new Error("no import is running");
  const internals = (window as unknown as { __TAURI_INTERNALS__: { runCallback(id: number, data: unknown): void } })
    .__TAURI_INTERNALS__;
  internals.runCallback(running.channel.id, { index: running.sent++, message: progress });
}

/** Sends what the Rust side reports of a drag over the window. */
function dropFiles(drop: FileDrop) {
  const channel = backend.state.drops;
  if (!channel) throw new Error("the window does not watch file drops");
  const internals = (window as unknown as { __TAURI_INTERNALS__: { runCallback(id: number, data: unknown): void } })
    .__TAURI_INTERNALS__;
  internals.runCallback(channel.id, { index: backend.state.dropsSent++, message: drop });
  flushSync();
}

/** Lets promises, microtasks and Svelte's effects run. */
async function settle(rounds = 8) {
  for (let i = 0; i < rounds; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
  }
}

const $ = <T extends Element = HTMLElement>(selector: string) => document.querySelector<T>(selector);
const $$ = (selector: string) => [...document.querySelectorAll<HTMLElement>(selector)];
const byTestId = <T extends Element = HTMLElement>(id: string) => $<T>(`[data-testid="${id}"]`);
const calls = (cmd: string) => backend.state.calls.filter((c) => c.cmd === cmd);

function key(target: EventTarget, keyName: string, init: KeyboardEventInit = {}) {
  target.dispatchEvent(new KeyboardEvent("keydown", { key: keyName, bubbles: true, cancelable: true, ...init }));
  flushSync();
}

describe("the Qiao window", () => {
  let app: Record<string, unknown> | null = null;

  beforeEach(async () => {
    vi.resetModules(); // a fresh i18n store for each test
    backend = fakeBackend();
    mockIPC((cmd, args) => backend.invoke(cmd, args as Record<string, unknown>));
    document.body.innerHTML = '<div id="app"></div>';
  });

  afterEach(() => {
    if (app) svelte.unmount(app);
    app = null;
    clearMocks();
    vi.restoreAllMocks();
  });

  async function start() {
    svelte = await import("svelte");
    const { default: App } = await import("./App.svelte");
    app = svelte.mount(App, { target: document.getElementById("app")! });
    await settle();
  }

  it("starts with the list, the counts and the language of the backend", async () => {
    await start();
    const rows = $$('[data-testid="record-row"]');
    // In the backend's order ("<", Cyrillic, then Han in the fake's English collation).
    expect(rows.map((r) => r.dataset.id)).toEqual(["2", "1", "3"]);
    expect(byTestId("status-count")?.textContent).toBe('en|status-record-count|{"count":3}');
    expect(byTestId("status-trash")?.textContent).toBe('en|status-trash-count|{"count":1}');
    expect(byTestId("new-record")?.textContent?.trim()).toBe("New record");
    // One batched formatMessages call for the status bar's messages.
    expect(calls("format_messages").length).toBe(1);
    expect(calls("list_records")[0].args.request).toMatchObject({ scope: "active", sort: "title", offset: 0, limit: 100 });
  });

  it("fetches and renders only what is on screen in a 100,000-record catalogue", async () => {
    for (let id = 1000; id < 101_000; id++) {
      const title = `Book ${String(id).padStart(6, "0")}`;
      backend.state.records.push({ id, title, text: "", status: "draft", flavour: "cnmarc", version: 1, deleted: false, versions: [] });
    }
    await start();
    const list = byTestId("catalogue-list")!;
    expect(list.dataset.total).toBe("100003");
    // The spacer gives the scroll range of the whole list…
    expect((list.firstElementChild as HTMLElement).style.height).toBe(`${100_003 * 34}px`);
    // …while only the first pages were fetched and only a few rows are in the DOM.
    const offsets = calls("list_records").map((c) => (c.args.request as { offset: number }).offset);
    expect(new Set(offsets)).toEqual(new Set([0, 100]));
    expect($$('[data-testid="record-row"]').length).toBeLessThan(40);
    expect($$('[data-testid="draft-marker"]').length).toBeGreaterThan(0);
    // End jumps to the last record, fetching only the last pages.
    key(list, "End");
    await settle();
    expect(byTestId("record-pane")?.dataset.id).toBe(
      String(backend.state.records.filter((r) => !r.deleted).sort((a, b) => a.title.localeCompare(b.title, "en")).at(-1)!.id),
    );
    expect(calls("list_records").length).toBeLessThan(8);
  });

  it("shows a record as text, never as HTML", async () => {
    await start();
    const row = $<HTMLElement>('[data-testid="record-row"][data-id="2"]')!;
    row.click();
    await settle();
    expect(byTestId("record-title")?.textContent).toBe("<img src=x onerror=alert(1)>");
    expect(document.querySelector("img")).toBeNull();
    expect(document.querySelector("a[href]")).toBeNull(); // 856 $u is text
    expect(byTestId("record-fields")?.textContent).toContain("javascript:alert(1)");
    expect(byTestId("record-fields")?.textContent).toContain("‡a");
  });

  it("moves the selection with the keyboard and opens the editor with Enter", async () => {
    await start();
    const list = byTestId("catalogue-list")!;
    key(list, "ArrowDown");
    await settle();
    const first = $$('[data-testid="record-row"]')[0].dataset.id;
    expect(byTestId("record-pane")?.dataset.id).toBe(first);
    key(list, "ArrowDown");
    await settle();
    const second = $$('[data-testid="record-row"]')[1].dataset.id;
    expect(byTestId("record-pane")?.dataset.id).toBe(second);
    key(list, "Enter");
    await settle();
    const editor = byTestId<HTMLTextAreaElement>("editor-text")!;
    expect(editor.value).toContain("=LDR");
    expect(editor.getAttribute("spellcheck")).toBe("false");
    key(window, "Escape");
    await settle();
    expect(byTestId("editor-text")).toBeNull();
  });

  it("reports a parse error under the editor, puts the caret there, then saves and selects", async () => {
    await start();
    key(window, "n", { ctrlKey: true });
    await settle();
    expect(calls("new_record_text")[0].args).toEqual({ flavour: "marc21" });
    const editor = byTestId<HTMLTextAreaElement>("editor-text")!;
    editor.value = "=LDR  00000nam0\\2200000\\\\\\450\\\n=200  1\\$aNew title\noops";
    editor.dispatchEvent(new Event("input", { bubbles: true }));
    flushSync();
    key(window, "s", { ctrlKey: true });
    await settle();
    expect(byTestId("editor-error")?.textContent).toContain('en|mrk-expected-equals|{"line":3,"column":1}');
    expect(editor.selectionStart).toBe(editor.value.indexOf("oops"));

    editor.value = editor.value.replace("\noops", "");
    editor.dispatchEvent(new Event("input", { bubbles: true }));
    flushSync();
    byTestId("save-record")!.click();
    await settle();
    expect(byTestId("editor-text")).toBeNull();
    expect(byTestId("record-title")?.textContent).toBe("New title");
    expect(calls("record_position").at(-1)?.args).toMatchObject({ id: 4, scope: "active" });
    const selected = $('[data-testid="record-row"][aria-selected="true"]');
    expect(selected?.dataset.id).toBe("4");
    expect(byTestId("status-count")?.textContent).toBe('en|status-record-count|{"count":4}');
  });

  it("asks before deleting, then moves the record to the trash", async () => {
    await start();
    $<HTMLElement>('[data-testid="record-row"][data-id="1"]')!.click();
    await settle();
    byTestId("delete-record")!.click();
    await settle();
    expect(byTestId("confirm-dialog")).not.toBeNull();
    expect(byTestId("confirm-dialog")?.textContent).toContain('en|confirm-delete-text|{"title":"Война и мир"}');
    byTestId("confirm-ok")!.click();
    await settle();
    expect(calls("delete_record")[0].args).toEqual({ id: 1 });
    expect(byTestId("confirm-dialog")).toBeNull();
    expect($$('[data-testid="record-row"]').map((r) => r.dataset.id)).not.toContain("1");
    byTestId("scope-trash")!.click();
    await settle();
    expect($$('[data-testid="record-row"]').map((r) => r.dataset.id).sort()).toEqual(["1", "99"]);
    $<HTMLElement>('[data-testid="record-row"][data-id="1"]')!.click();
    await settle();
    expect(byTestId("restore-record")).not.toBeNull();
    expect(byTestId("edit-record")).toBeNull();
  });

  it("switches language: plain and formatted messages, list order and the open dialog follow", async () => {
    backend.state.problem = { code: "error-catalogue-locked", args: { file: "x.qiao" } };
    await start();
    expect(byTestId("error-banner")?.textContent).toContain('en|error-catalogue-locked|{"file":"x.qiao"}');
    $<HTMLElement>('[data-testid="record-row"][data-id="1"]')!.click();
    await settle();
    byTestId("delete-record")!.click();
    await settle();
    const lists = calls("list_records").length;

    const select = byTestId<HTMLSelectElement>("lang-select")!;
    expect([...select.options].map((o) => [o.value, o.textContent])).toEqual([
      ["zh-CN", "简体中文"],
      ["ru", "Русский"],
      ["en", "English"],
    ]);
    select.value = "ru";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();

    expect(calls("set_language")[0].args).toEqual({ lang: "ru" });
    expect(document.documentElement.lang).toBe("ru");
    expect(byTestId("new-record")?.textContent?.trim()).toBe("Новая запись");
    expect(byTestId("status-count")?.textContent).toBe('ru|status-record-count|{"count":3}');
    expect(byTestId("error-banner")?.textContent).toContain('ru|error-catalogue-locked|{"file":"x.qiao"}');
    expect(byTestId("confirm-dialog")?.textContent).toContain("ru|confirm-delete-text");
    expect(byTestId("confirm-dialog")?.textContent).toContain("Переместить запись в корзину?");
    expect(calls("list_records").length).toBeGreaterThan(lists); // collation changed: fetched again

    byTestId("confirm-cancel")!.click();
    await settle();
    byTestId("error-dismiss")!.click();
    await settle();
    expect(byTestId("error-banner")).toBeNull();
    expect(byTestId("confirm-dialog")).toBeNull();
    key(window, "n", { ctrlKey: true });
    await settle();
    expect(calls("new_record_text").at(-1)?.args).toEqual({ flavour: "rusmarc" });
  });

  it("shows the history, an old version read-only, and restores it", async () => {
    await start();
    $<HTMLElement>('[data-testid="record-row"][data-id="3"]')!.click();
    await settle();
    byTestId("edit-record")!.click();
    await settle();
    const editor = byTestId<HTMLTextAreaElement>("editor-text")!;
    editor.value = editor.value.replace("呐喊", "彷徨");
    editor.dispatchEvent(new Event("input", { bubbles: true }));
    flushSync();
    byTestId("save-record")!.click();
    await settle();
    expect(byTestId("record-title")?.textContent).toBe("彷徨");

    byTestId("history-toggle")!.click();
    await settle();
    const versions = $$('[data-testid="history-version"]');
    expect(versions.map((v) => v.dataset.version)).toEqual(["2", "1"]);
    versions[1].click();
    await settle();
    expect(byTestId("record-title")?.textContent).toBe("呐喊");
    expect(byTestId("edit-record")).toBeNull();
    byTestId("restore-version")!.click();
    await settle();
    expect(calls("restore_version")[0]?.args).toEqual({ at: { id: 3, version: 1 } });
  });
  // ---- Import and export --------------------------------------------------------------

  function change(element: HTMLSelectElement | HTMLInputElement, value: string) {
    element.value = value;
    element.dispatchEvent(new Event("change", { bubbles: true }));
    flushSync();
  }

  const HOSTILE = "/data/<img src=x onerror=alert(1)>.mrc";

  function importReport(): ImportReport {
    return {
      imported: 2,
      replaced: 1,
      repaired: [
        {
          file: HOSTILE,
          position: { record: 3, line: null, offset: 1024 },
          notes: [{ code: "repair-record-length", args: { declared: 900, actual: 901 } }],
        },
      ],
      skipped: [
        {
          file: "/data/more.mrk",
          position: { record: 5, line: 41, offset: null },
          message: {
            code: "error-import-record",
            args: { file: "/data/more.mrk", detail: { code: "mrk-bad-tag", args: { line: 41, column: 2, tag: "<b>" } } },
          },
        },
      ],
      duplicates: [
        {
          file: HOSTILE,
          position: { record: 7, line: null, offset: 4096 },
          matches: [{ id: 1, reason: { match: "isbn", isbn13: "9785170906307" } }],
          action: "replace",
          id: 1,
        },
      ],
      cancelled: false,
      repaired_total: 1,
      skipped_total: 1,
      duplicates_total: 1,
    };
  }

  async function openImportWith(files: string[]) {
    byTestId("toolbar-import")!.click();
    await settle();
    backend.state.picked = files;
    byTestId("import-add-files")!.click();
    await settle();
  }

  it("imports: files, options, progress with rate and time left, then the report", async () => {
    let clock = 10_000;
    vi.spyOn(performance, "now").mockImplementation(() => clock);
    await start();
    expect(byTestId("import-dialog")).toBeNull();
    byTestId("toolbar-import")!.click();
    await settle();
    expect(byTestId("import-dialog")).not.toBeNull();
    expect(byTestId<HTMLButtonElement>("import-start")!.disabled).toBe(true);
    expect(byTestId("import-no-files")?.textContent).toContain("No files chosen yet");

    backend.state.picked = [HOSTILE, "/data/more.mrk"];
    byTestId("import-add-files")!.click();
    await settle();
    backend.state.picked = ["/data/more.mrk", "/data/third.xml"]; // one already chosen
    byTestId("import-add-files")!.click();
    await settle();
    const listed = $$('[data-testid="import-file"]');
    expect(listed.map((f) => f.textContent?.trim())).toEqual(["<img src=x onerror=alert(1)>.mrc", "more.mrk", "third.xml"]);
    expect(listed[0].title).toBe(HOSTILE);
    expect(document.querySelector("img")).toBeNull();
    listed[2].querySelector<HTMLButtonElement>('[data-testid="import-remove-file"]')!.click();
    await settle();
    expect($$('[data-testid="import-file"]').length).toBe(2);

    // The character sets come from the backend; auto first.
    const charset = byTestId<HTMLSelectElement>("import-charset")!;
    expect([...charset.options].map((o) => o.value)).toEqual(["auto", "utf-8", "marc-8", "iso-5426", "cp1251", "cp866", "koi8-r", "gb18030", "big5"]);
    change(charset, "cp1251");
    change(byTestId<HTMLSelectElement>("import-flavour")!, "rusmarc");
    expect(byTestId<HTMLInputElement>("import-duplicate-skip")!.checked).toBe(true);
    byTestId<HTMLInputElement>("import-duplicate-replace")!.click();
    flushSync();

    byTestId<HTMLButtonElement>("import-start")!.click();
    await settle();
    expect(calls("import_records")[0].args.request).toEqual({
      files: [HOSTILE, "/data/more.mrk"],
      format: null,
      flavour: "rusmarc",
      encoding: "cp1251",
      on_duplicate: "replace",
      keep_partial: false,
    });
    expect(byTestId("import-progress")).not.toBeNull();
    expect(byTestId("import-eta")?.textContent).toBe("Estimating the time left…");

    // The rest of the window does not react meanwhile.
    key(window, "n", { ctrlKey: true });
    await settle();
    expect(calls("new_record_text").length).toBe(0);

    for (const [at, records, bytes] of [
      [10_500, 100, 10_000],
      [11_000, 200, 20_000],
      [12_000, 400, 40_000],
    ]) {
      clock = at;
      sendProgress({ records, bytes, total_bytes: 100_000 });
    }
    await settle();
    expect(byTestId("import-records")?.textContent).toBe('en|import-progress-records|{"count":400}');
    expect(byTestId("import-progress-bar")?.getAttribute("aria-valuenow")).toBe("40");
    expect(byTestId("import-rate")?.textContent).toBe('en|import-rate|{"rate":200}'); // 400 records in 2 s
    expect(byTestId("import-eta")?.textContent).toBe('en|import-eta-seconds|{"count":3}'); // 60 kB at 20 kB/s

    const lists = calls("list_records").length;
    const infos = calls("app_info").length;
    backend.state.importing!.resolve(importReport());
    backend.state.importing = null;
    await settle();
    expect(byTestId("import-progress")).toBeNull();
    // The records are in the catalogue now: the list and counts behind the report follow.
    expect(calls("list_records").length).toBeGreaterThan(lists);
    expect(calls("app_info").length).toBeGreaterThan(infos);
    const report = byTestId("import-report")!;
    expect(report.dataset.cancelled).toBe("false");
    expect(byTestId("report-cancelled")).toBeNull();
    expect(byTestId("report-imported")?.textContent).toContain('en|import-report-imported|{"count":2}');
    expect(byTestId("report-imported")?.textContent).toContain('en|import-report-figure|{"count":2}');
    expect(byTestId("report-replaced")?.textContent).toContain('en|import-report-replaced|{"count":1}');
    expect(byTestId("report-duplicates")?.textContent).toContain('import-report-duplicates|{"count":1}');

    const repaired = byTestId("report-repaired-item")!;
    expect(repaired.textContent).toContain('en|import-at-offset|{"file":"<img src=x onerror=alert(1)>.mrc","record":3,"offset":1024}');
    expect(repaired.textContent).toContain('en|repair-record-length|{"declared":900,"actual":901}');
    expect(repaired.querySelector<HTMLElement>(".where")?.title).toBe(HOSTILE);
    const skipped = byTestId("report-skipped-item")!;
    expect(skipped.textContent).toContain('en|import-at-line|{"file":"more.mrk","record":5,"line":41}');
    expect(skipped.textContent).toContain('en|mrk-bad-tag|{"line":41,"column":2,"tag":"<b>"}');
    const duplicate = byTestId("report-duplicate-item")!;
    expect(duplicate.textContent).toContain('en|import-match-isbn|{"id":"1","isbn":"9785170906307"}');
    expect(duplicate.textContent).toContain('en|import-action-replace|{"id":"1"}');
    expect(document.querySelector("img, b")).toBeNull();

    // A language switch formats the open report again.
    const select = byTestId<HTMLSelectElement>("lang-select")!;
    change(select, "ru");
    await settle();
    expect(byTestId("report-imported")?.textContent).toContain('ru|import-report-imported|{"count":2}');
    expect(byTestId("report-skipped-item")?.textContent).toContain("ru|mrk-bad-tag");
    expect(byTestId("report-close")?.textContent?.trim()).toBe("Закрыть");

    // "Save report…": the same content as text, in the language now in force.
    byTestId("report-save")!.click();
    await settle();
    expect(backend.state.reports.length).toBe(1);
    const text = backend.state.reports[0];
    expect(text).toContain("ru|import-report-text-title");
    expect(text).toContain(`\n  ${HOSTILE}\n`);
    expect(text).toContain('ru|import-report-figure|{"count":2} ru|import-report-imported|{"count":2}');
    expect(text).toContain('    ru|repair-record-length|{"declared":900,"actual":901}');
    expect(text).toContain('    ru|import-action-replace|{"id":"1"}');
    expect(byTestId("report-saved")?.textContent).toContain("/home/librarian/import report.txt");

    // Close: the list and the counts are fetched again, as after a save.
    const listsBefore = calls("list_records").length;
    const infosBefore = calls("app_info").length;
    byTestId("report-close")!.click();
    await settle();
    expect(byTestId("import-dialog")).toBeNull();
    expect(calls("list_records").length).toBeGreaterThan(listsBefore);
    expect(calls("app_info").length).toBeGreaterThan(infosBefore);
  });

  it("cancels an import: rolled back by default, or kept so far when asked", async () => {
    await start();
    await openImportWith(["/data/big.mrc"]);
    byTestId("import-start")!.click();
    await settle();
    sendProgress({ records: 10, bytes: 100, total_bytes: 10_000 });
    await settle();
    byTestId("import-cancel")!.click();
    await settle();
    expect(calls("cancel_import").length).toBe(1);
    // Rolled back: back to the choices, saying nothing was imported, files still chosen.
    expect(byTestId("import-progress")).toBeNull();
    expect(byTestId("import-notice")?.dataset.code).toBe("error-import-cancelled");
    expect(byTestId("import-notice")?.textContent).toContain("Import cancelled; nothing was imported");
    expect($$('[data-testid="import-file"]').length).toBe(1);

    // Now keeping what was imported.
    backend.state.partial = {
      ...importReport(),
      repaired: [],
      skipped: [],
      duplicates: [],
      repaired_total: 0,
      skipped_total: 0,
      duplicates_total: 0,
      imported: 150,
      replaced: 0,
    };
    byTestId<HTMLInputElement>("import-keep-partial")!.click();
    flushSync();
    byTestId("import-start")!.click();
    await settle();
    expect((calls("import_records")[1].args.request as { keep_partial: boolean }).keep_partial).toBe(true);
    byTestId("import-cancel")!.click();
    await settle();
    expect(byTestId("import-report")?.dataset.cancelled).toBe("true");
    expect(byTestId("report-cancelled")?.textContent).toContain("cancelled before the end");
    expect(byTestId("report-imported")?.textContent).toContain('import-report-imported|{"count":150}');
    expect(byTestId("report-clean")).not.toBeNull();
    // The report floats (not modal): Escape from anywhere in the window closes it.
    key(byTestId("report-close")!, "Escape");
    await settle();
    expect(byTestId("import-dialog")).toBeNull();
  });

  it("opens the Import dialog with the files named on the command line, without starting", async () => {
    backend.state.pendingImport = ["/mnt/usb/Новые поступления.mrc", "/mnt/usb/新书.xml"];
    await start();
    expect(calls("take_pending_import").length).toBe(1);
    expect(byTestId("import-dialog")).not.toBeNull();
    expect($$('[data-testid="import-file"]').map((f) => f.textContent?.trim())).toEqual(["Новые поступления.mrc", "新书.xml"]);
    expect(byTestId<HTMLButtonElement>("import-start")!.disabled).toBe(false);
    expect(calls("import_records").length).toBe(0);
    byTestId("import-close")!.click();
    await settle();
    expect(byTestId("import-dialog")).toBeNull();
  });

  it("opens the Import dialog with files dropped on the window", async () => {
    await start();
    expect(calls("watch_file_drops").length).toBe(1);
    dropFiles({ kind: "hover" });
    expect(byTestId("drop-overlay")?.textContent).toContain("Drop MARC files here");
    dropFiles({ kind: "cancel" });
    expect(byTestId("drop-overlay")).toBeNull();
    expect(byTestId("import-dialog")).toBeNull();

    dropFiles({ kind: "hover" });
    dropFiles({ kind: "drop", paths: ["/home/lib/Поступления.mrc", "/home/lib/<b>新书.xml"] });
    await settle();
    expect(byTestId("drop-overlay")).toBeNull();
    expect(byTestId("import-dialog")).not.toBeNull();
    expect($$('[data-testid="import-file"]').map((f) => f.textContent?.trim())).toEqual(["Поступления.mrc", "<b>新书.xml"]);
    expect(calls("import_records").length).toBe(0);

    // While a dialog is open, another drop is refused with a message, not lost silently.
    dropFiles({ kind: "drop", paths: ["/home/lib/more.mrc"] });
    await settle();
    expect(byTestId("error-banner")?.dataset.code).toBe("import-drop-busy");
  });

  it("exports: the stop error in the dialog, then the records written and those left out", async () => {
    await start();
    byTestId("toolbar-export")!.click();
    await settle();
    expect(byTestId("export-dialog")).not.toBeNull();
    // Nothing selected in the list: only the whole catalogue can be chosen.
    expect(byTestId<HTMLInputElement>("export-scope-all")!.checked).toBe(true);
    expect(byTestId<HTMLInputElement>("export-scope-selected")!.disabled).toBe(true);
    const charset = byTestId<HTMLSelectElement>("export-charset")!;
    expect(charset.value).toBe("utf-8");
    expect(byTestId("export-charset-hint")?.textContent).toContain("MARC-8 for MARC 21 partners");
    change(charset, "marc-8");

    // The save dialog cancelled: nothing happens.
    byTestId("export-start")!.click();
    await settle();
    expect(calls("pick_export_file")[0].args).toEqual({ format: "iso2709" });
    expect(calls("export_records").length).toBe(0);

    backend.state.exportPath = "/out/cat.mrc";
    backend.state.exportStop = true;
    byTestId("export-start")!.click();
    await settle();
    expect(calls("export_records")[0].args.request).toEqual({
      path: "/out/cat.mrc",
      selection: { kind: "all" },
      format: "iso2709",
      encoding: "marc-8",
      flavour: null,
      on_unmappable: "stop",
    });
    const error = byTestId("export-error")!;
    expect(error.dataset.code).toBe("error-export-stopped");
    expect(error.textContent).toContain("en|error-export-stopped|");
    expect(error.textContent).toContain('"character":"Ѣ"');
    expect(byTestId("export-result")).toBeNull();

    backend.state.exportStop = false;
    byTestId<HTMLInputElement>("export-unwritable-skip")!.click();
    flushSync();
    byTestId("export-start")!.click();
    await settle();
    expect(calls("export_records")[1].args.request).toMatchObject({ on_unmappable: "skip" });
    expect(byTestId("export-error")).toBeNull();
    expect(byTestId("export-result")?.textContent).toContain('en|export-written|{"count":2,"path":"/out/cat.mrc"}');
    expect(byTestId("export-skipped-item")?.textContent).toContain("en|export-unmappable|");
    expect(byTestId("export-losses")).toBeNull();

    // A flavour asked for: each record crosswalked, and what had no equivalent listed.
    change(byTestId<HTMLSelectElement>("export-flavour")!, "marc21");
    byTestId("export-start")!.click();
    await settle();
    expect(calls("export_records")[2].args.request).toMatchObject({ flavour: "marc21" });
    expect(byTestId("export-losses")?.textContent).toContain('en|export-losses-heading|{"count":1}');
    expect(byTestId("export-losses-item")?.textContent).toContain('en|export-loss-record|{"record":7}');
    expect(byTestId("export-losses-item")?.textContent).toContain("en|crosswalk-no-equivalent-subfield|");

    // Other formats are always UTF-8: no character set to choose.
    change(byTestId<HTMLSelectElement>("export-format")!, "marcxml");
    expect(byTestId("export-charset")).toBeNull();
    expect(byTestId("export-charset-hint")?.textContent).toContain("always written in UTF-8");
    byTestId("export-close")!.click();
    await settle();
    expect(byTestId("export-dialog")).toBeNull();
  });
});
