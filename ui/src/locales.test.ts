// The UI's strings all come from locales/*/app.ftl (and the backend's errors.ftl): every id
// the source asks for must exist in every language, and app.ftl must define the same ids in
// all three. (The backend's own locale tests check the syntax and the plural forms.)
/// <reference types="node" />
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const HERE = dirname(fileURLToPath(import.meta.url));
const LOCALES = join(HERE, "..", "..", "locales");
const LANGS = ["en", "ru", "zh-CN"];

function idsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^([a-zA-Z][a-zA-Z0-9_-]*)\s*=/gm)].map((m) => m[1]);
}

function allIds(lang: string): Set<string> {
  const folder = join(LOCALES, lang);
  return new Set(readdirSync(folder).filter((f) => f.endsWith(".ftl")).flatMap((f) => idsOf(join(folder, f))));
}

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(svelte|ts)$/.test(name) && !name.endsWith(".test.ts") && name !== "bindings.ts" ? [path] : [];
  });
}

/** Message ids written literally in the UI source. */
function usedIds(): Set<string> {
  const used = new Set<string>();
  for (const file of sources(HERE)) {
    const text = readFileSync(file, "utf8");
    // t("…"), tf("…", …), i18n.t("…"), including t(cond ? "a" : "b")
    for (const call of text.matchAll(/\b(?:t|tf|i18n\.t)\(([^()]*?)(?:,|\))/g)) {
      // (not the operands of comparisons, as in t(scope === "trash" ? "a" : "b"))
      for (const literal of call[1].matchAll(/(?<![=!]==\s*)"([a-z][a-z0-9-]*)"/g)) used.add(literal[1]);
    }
    // Messages built as data: { title: "…", ok: "…", code: "…" }
    for (const m of text.matchAll(/\b(?:title|ok|code):\s*"([a-z][a-z0-9-]*)"/g)) used.add(m[1]);
  }
  // Ids built from values.
  for (const f of ["marc21", "unimarc", "rusmarc", "cnmarc"]) used.add(`flavour-${f}`);
  for (const s of ["draft", "complete"]) used.add(`status-${s}`);
  for (const s of ["active", "trash"]) used.add(`scope-${s}`).add(`scope-${s}-tip`);
  for (const s of ["title", "author", "year", "modified"]) used.add(`sort-by-${s}`);
  for (const l of ["zh", "ru", "en"]) used.add(`lang-name-${l}`);
  for (const f of ["iso2709", "marcxml", "mrk"]) used.add(`exchange-format-${f}`);
  for (const d of ["skip", "replace", "keep"]) used.add(`import-duplicate-${d}`).add(`import-duplicate-${d}-hint`);
  for (const a of ["skip", "replace", "keep"]) used.add(`import-action-${a}`);
  for (const u of ["stop", "skip"]) used.add(`export-unwritable-${u}`).add(`export-unwritable-${u}-hint`);
  for (const k of ["imported", "replaced", "repaired", "skipped", "duplicates"]) used.add(`import-report-${k}`);
  return used;
}

describe("locales", () => {
  it("app.ftl defines the same message ids in every language", () => {
    const en = idsOf(join(LOCALES, "en", "app.ftl")).sort();
    expect(new Set(en).size).toBe(en.length);
    for (const lang of ["ru", "zh-CN"]) expect(idsOf(join(LOCALES, lang, "app.ftl")).sort()).toEqual(en);
  });

  it("every id the UI uses exists in every language", () => {
    const used = usedIds();
    expect(used.size).toBeGreaterThan(60);
    for (const lang of LANGS) {
      const defined = allIds(lang);
      const missing = [...used].filter((id) => !defined.has(id));
      expect(missing, lang).toEqual([]);
    }
  });

  it("has the ids the backend needs for its dialogs and errors", () => {
    for (const lang of LANGS) {
      const defined = allIds(lang);
      for (const id of [
        "app-title",
        "status-record-count",
        "dialog-new-catalogue",
        "dialog-open-catalogue",
        "dialog-filter-catalogue",
        "error-internal",
      ]) {
        expect(defined.has(id), `${lang}: ${id}`).toBe(true);
      }
    }
  });

  it("names each language in its own script everywhere", () => {
    for (const lang of LANGS) {
      const text = readFileSync(join(LOCALES, lang, "app.ftl"), "utf8");
      expect(text).toMatch(/^lang-name-zh = 简体中文$/m);
      expect(text).toMatch(/^lang-name-ru = Русский$/m);
      expect(text).toMatch(/^lang-name-en = English$/m);
    }
  });
});
