import { describe, expect, it } from "vitest";
import type { Message } from "./bindings";
import {
  actionMessage,
  addFiles,
  charsetLabel,
  composeReport,
  exportChoices,
  exportRequest,
  fileName,
  headlines,
  importChoices,
  importRequest,
  matchMessage,
  moreMessage,
  positionMessage,
  problemDetail,
  removeFile,
  reportLines,
} from "./exchange";
import type { ImportReport } from "./types";

/** A report with one of everything. */
function sampleReport(overrides: Partial<ImportReport> = {}): ImportReport {
  const report: ImportReport = {
    imported: 2,
    replaced: 1,
    repaired: [
      {
        file: "/data/in/batch 1.mrc",
        position: { record: 3, line: null, offset: 1024 },
        notes: [{ code: "repair-record-length", args: { declared: 900, actual: 901 } }],
      },
    ],
    skipped: [
      {
        file: "C:\\Users\\lib\\export.mrk",
        position: { record: 5, line: 41, offset: null },
        message: {
          code: "error-import-record",
          args: { file: "C:\\Users\\lib\\export.mrk", detail: { code: "mrk-bad-tag", args: { line: 41, column: 2, tag: "24" } } },
        },
      },
    ],
    duplicates: [
      {
        file: "/data/in/batch 1.mrc",
        position: { record: 7, line: null, offset: 4096 },
        matches: [
          { id: 12, reason: { match: "isbn", isbn13: "9785170906307" } },
          { id: 12345, reason: { match: "control_number", key: "RuMoRGB\\005123" } },
        ],
        action: "replace",
        id: 12,
      },
    ],
    cancelled: false,
    repaired_total: 0,
    skipped_total: 0,
    duplicates_total: 0,
    ...overrides,
  };
  return {
    ...report,
    repaired_total: overrides.repaired_total ?? report.repaired.length,
    skipped_total: overrides.skipped_total ?? report.skipped.length,
    duplicates_total: overrides.duplicates_total ?? report.duplicates.length,
  };
}

/** A formatter that shows what it was asked: code and arguments. */
const echo = async (messages: Message[]) =>
  messages.map((m) => (Object.keys(m.args).length ? `${m.code}${JSON.stringify(m.args)}` : m.code));

describe("import requests", () => {
  it("sends auto as null and the rest as chosen", () => {
    const choices = importChoices(["/a.mrc", "/b.xml", "/a.mrc"]);
    expect(choices.files).toEqual(["/a.mrc", "/b.xml"]);
    expect(importRequest(choices)).toEqual({
      files: ["/a.mrc", "/b.xml"],
      format: null,
      flavour: null,
      encoding: null,
      on_duplicate: "skip",
      keep_partial: false,
    });
    choices.format = "iso2709";
    choices.flavour = "rusmarc";
    choices.encoding = "cp1251";
    choices.onDuplicate = "replace";
    choices.keepPartial = true;
    expect(importRequest(choices)).toEqual({
      files: ["/a.mrc", "/b.xml"],
      format: "iso2709",
      flavour: "rusmarc",
      encoding: "cp1251",
      on_duplicate: "replace",
      keep_partial: true,
    });
  });

  it("does not share the file list with the dialog", () => {
    const choices = importChoices(["/a.mrc"]);
    const request = importRequest(choices);
    choices.files.push("/b.mrc");
    expect(request.files).toEqual(["/a.mrc"]);
  });

  it("adds files once, in order, and removes them", () => {
    expect(addFiles(["/a"], ["/b", "/a", "", "/c", "/b"])).toEqual(["/a", "/b", "/c"]);
    expect(removeFile(["/a", "/b", "/c"], "/b")).toEqual(["/a", "/c"]);
  });
});

describe("export requests", () => {
  it("uses the character set only for ISO 2709", () => {
    const choices = exportChoices();
    expect(choices).toEqual({ scope: "all", format: "iso2709", encoding: "utf-8", flavour: "auto", onUnmappable: "stop" });
    choices.encoding = "marc-8";
    choices.onUnmappable = "skip";
    expect(exportRequest(choices, "/out/cat.mrc")).toEqual({
      path: "/out/cat.mrc",
      selection: { kind: "all" },
      format: "iso2709",
      encoding: "marc-8",
      flavour: null,
      on_unmappable: "skip",
    });
    choices.flavour = "rusmarc";
    expect(exportRequest(choices, "/out/cat.mrc").flavour).toBe("rusmarc");
    // The selected record alone, when one is selected.
    choices.scope = "selected";
    expect(exportRequest(choices, "/out/one.mrc", 12).selection).toEqual({ kind: "records", ids: [12] });
    expect(exportRequest(choices, "/out/one.mrc", null).selection).toEqual({ kind: "all" });
    choices.format = "marcxml";
    expect(exportRequest(choices, "/out/cat.xml").encoding).toBe("utf-8");
  });
});

describe("names", () => {
  it("takes the file name from either kind of path", () => {
    expect(fileName("/data/in/batch 1.mrc")).toBe("batch 1.mrc");
    expect(fileName("C:\\Users\\lib\\export.mrk")).toBe("export.mrk");
    expect(fileName("plain.xml")).toBe("plain.xml");
  });

  it("writes character sets as their standards do", () => {
    expect(charsetLabel("marc-8")).toBe("MARC-8");
    expect(charsetLabel("iso-5426")).toBe("ISO 5426");
    expect(charsetLabel("gb18030")).toBe("GB18030");
    expect(charsetLabel("x-new")).toBe("X-NEW");
  });
});

describe("report messages", () => {
  it("places a record by line, byte offset or number alone", () => {
    expect(positionMessage("/d/a.mrk", { record: 5, line: 41, offset: null })).toEqual({
      code: "import-at-line",
      args: { file: "a.mrk", record: 5, line: 41 },
    });
    expect(positionMessage("/d/a.mrc", { record: 3, line: null, offset: 1024 })).toEqual({
      code: "import-at-offset",
      args: { file: "a.mrc", record: 3, offset: 1024 },
    });
    expect(positionMessage("/d/a.xml", { record: 1 })).toEqual({ code: "import-at-record", args: { file: "a.xml", record: 1 } });
  });

  it("unwraps the file from a skipped record's reason, and leaves other messages alone", () => {
    const report = sampleReport();
    expect(problemDetail(report.skipped[0].message)).toEqual({ code: "mrk-bad-tag", args: { line: 41, column: 2, tag: "24" } });
    const plain = { code: "error-file", args: { file: "x", detail: "y" } };
    expect(problemDetail(plain)).toBe(plain);
  });

  it("names duplicates' reasons and what was done, with ids as text", () => {
    const duplicate = sampleReport().duplicates[0];
    expect(duplicate.matches.map(matchMessage)).toEqual([
      { code: "import-match-isbn", args: { id: "12", isbn: "9785170906307" } },
      { code: "import-match-control-number", args: { id: "12345", key: "RuMoRGB\\005123" } },
    ]);
    expect(actionMessage(duplicate)).toEqual({ code: "import-action-replace", args: { id: "12" } });
    expect(actionMessage({ ...duplicate, action: "keep", id: 50 })).toEqual({ code: "import-action-keep", args: { id: "50" } });
    expect(actionMessage({ ...duplicate, action: "skip", id: null })).toEqual({ code: "import-action-skip", args: {} });
  });

  it("counts the headlines with plural labels", () => {
    const lines = headlines(sampleReport());
    expect(lines.map((h) => [h.key, h.count])).toEqual([
      ["imported", 2],
      ["replaced", 1],
      ["repaired", 1],
      ["skipped", 1],
      ["duplicates", 1],
    ]);
    expect(lines[0].label).toEqual({ code: "import-report-imported", args: { count: 2 } });
    expect(lines[0].figure).toEqual({ code: "import-report-figure", args: { count: 2 } });
  });
});

describe("the plain-text report", () => {
  it("has the same content as the dialog, indented, in one formatting round trip", async () => {
    let rounds = 0;
    const text = await composeReport(sampleReport(), ["/data/in/batch 1.mrc", "C:\\Users\\lib\\export.mrk"], 1_700_000_000_000, (m) => {
      rounds += 1;
      return echo(m);
    });
    expect(rounds).toBe(1);
    expect(text.split("\n")).toEqual([
      'import-report-text-title{"date":1700000000000}',
      "",
      "import-files",
      "  /data/in/batch 1.mrc",
      "  C:\\Users\\lib\\export.mrk",
      "",
      'import-report-figure{"count":2} import-report-imported{"count":2}',
      'import-report-figure{"count":1} import-report-replaced{"count":1}',
      'import-report-figure{"count":1} import-report-repaired{"count":1}',
      'import-report-figure{"count":1} import-report-skipped{"count":1}',
      'import-report-figure{"count":1} import-report-duplicates{"count":1}',
      "",
      "import-report-repaired-heading",
      '  import-at-offset{"file":"batch 1.mrc","record":3,"offset":1024}',
      '    repair-record-length{"declared":900,"actual":901}',
      "",
      "import-report-skipped-heading",
      '  import-at-line{"file":"export.mrk","record":5,"line":41}',
      '    mrk-bad-tag{"line":41,"column":2,"tag":"24"}',
      "",
      "import-report-duplicates-heading",
      '  import-at-offset{"file":"batch 1.mrc","record":7,"offset":4096}',
      '    import-match-isbn{"id":"12","isbn":"9785170906307"}',
      '    import-match-control-number{"id":"12345","key":"RuMoRGB\\\\005123"}',
      '    import-action-replace{"id":"12"}',
      "",
    ]);
  });

  it("says when the import was cancelled and leaves out empty sections", async () => {
    const report = sampleReport({ repaired: [], skipped: [], duplicates: [], cancelled: true, imported: 7, replaced: 0 });
    const lines = reportLines(report, ["/a.mrc"], 0);
    expect(lines[1]).toEqual({ indent: 0, parts: [{ code: "import-report-cancelled", args: {} }] });
    const text = await composeReport(report, ["/a.mrc"], 0, echo);
    expect(text).toContain("import-report-cancelled\n");
    expect(text).not.toContain("heading");
    expect(text.endsWith('import-report-duplicates{"count":0}\n')).toBe(true);
  });

  it("counts what the backend did not list, in the dialog and in the text", () => {
    // 7,000 records skipped; the backend listed 5,000; the dialog shows 200.
    const skipped = sampleReport().skipped;
    const report = sampleReport({ skipped, skipped_total: 7000 });
    expect(headlines(report).find((h) => h.key === "skipped")?.count).toBe(7000);
    const lines = reportLines(report, ["/a.mrc"], 0);
    expect(lines).toContainEqual({ indent: 1, parts: [{ code: "import-report-unlisted", args: { count: 6999 } }] });
    expect(moreMessage(200, 5000, 7000)).toEqual({ code: "import-report-more-unlisted", args: { count: 6800, listed: 5000 } });
    expect(moreMessage(200, 300, 300)).toEqual({ code: "import-report-more", args: { count: 100 } });
    expect(moreMessage(200, 150, 150)).toBeNull();
  });

  it("keeps file names and record text as they are", async () => {
    const report = sampleReport();
    const text = await composeReport(report, ["/tmp/<b>книги</b> 书.mrc"], 0, async (m) => m.map(() => "x"));
    expect(text).toContain("  /tmp/<b>книги</b> 书.mrc\n");
  });
});
