// @vitest-environment happy-dom
// The whole window mounted against a fake backend (the Tauri IPC is mocked): start-up, the
// list, viewing, editing with a parse error, saving, deleting, the language switch, the
// error banner, and that record text is never interpreted as HTML.
/// <reference types="node" />
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Lang, Message } from "./lib/bindings";

const LOCALES = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "locales");

/** The plain one-line messages of a language, as `uiMessages` would give them. */
function plainMessages(lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of ["app.ftl", "errors.ftl"]) {
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

function fakeBackend() {
  const state = {
    lang: "en" as Lang,
    problem: null as Message | null,
    nextId: 4,
    calls: [] as { cmd: string; args: Record<string, unknown> }[],
    records: [] as FakeRecord[],
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
vi.mock("@tauri-apps/api/core", () => ({
  invoke: (cmd: string, args?: Record<string, unknown>) => backend.invoke(cmd, args),
}));

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
    document.body.innerHTML = '<div id="app"></div>';
  });

  afterEach(() => {
    if (app) svelte.unmount(app);
    app = null;
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
});
