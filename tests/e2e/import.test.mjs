// End to end: records from partner libraries come in through the Import dialog. Files are
// handed over as "Open with Qiao" does (--import), a real RUSMARC file in Windows-1251 from
// the shared corpus plus a .mrk file with one broken record; the report counts what was
// imported, skipped and found twice, and re-renders when the language changes.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startDriver, Session } from "./webdriver.mjs";

const app = process.env.QIAO_APP ?? new URL("../../target/debug/qiao-app", import.meta.url).pathname;
const corpus = process.env.QIAO_CORPUS ?? new URL("../../../shared/corpus", import.meta.url).pathname;
const rusmarc = join(corpus, "ManagedIrbis/TEST1.ISO");
const home = mkdtempSync(join(tmpdir(), "qiao-e2e-import-"));
const artifacts = new URL("./artifacts/", import.meta.url).pathname;
mkdirSync(artifacts, { recursive: true });

const mrk = join(home, "partner.mrk");
writeFileSync(
  mrk,
  [
    "=LDR  00000nam0\\2200000\\\\\\450\\",
    "=001  CN-E2E-1",
    "=200  1\\$a边城$9bian cheng$f沈从文著",
    "=801  \\0$aCN$bNLC",
    "",
    "=LDR  00000nam0\\2200000\\\\\\450\\",
    "=200  1\\Missing subfield code",
    "",
  ].join("\n"),
);

const env = {
  ...process.env,
  LANG: "ru_RU.UTF-8",
  LC_ALL: "",
  LANGUAGE: "",
  QIAO_DATA_DIR: join(home, "data"),
  QIAO_CONFIG_DIR: join(home, "config"),
};

let driver;
let session;

before(async () => {
  assert.ok(existsSync(rusmarc), `the shared corpus is needed beside the repository: ${rusmarc}`);
  // 4445 is where tauri-driver runs WebKitWebDriver itself.
  driver = await startDriver({ env, port: 4447 });
  session = await Session.start(driver.base, app, ["--catalogue", join(home, "partner.qiao"), "--import", rusmarc, mrk]);
});

after(async () => {
  await session?.quit();
  driver?.stop();
});

async function shot(name) {
  writeFileSync(join(artifacts, `${name}.png`), Buffer.from(await session.screenshot(), "base64"));
}

test("files given to the app open the Import dialog, ready to start", async () => {
  const dialog = await session.waitFor("both files in the dialog", async () => {
    // textContent: WebKitWebDriver's rendered text of a top-layer <dialog> leaves parts out.
    const text = await session.script("return document.querySelector('[data-testid=\"import-dialog\"]')?.textContent ?? ''");
    return /TEST1\.ISO/.test(text) && /partner\.mrk/.test(text) && text;
  });
  assert.match(dialog, /Импорт/);
  await shot("05-import-dialog-ru");
});

test("the import reports imported, skipped and duplicate records", async () => {
  await session.click(await session.find('[data-testid="import-start"]'));
  const imported = await session.textOf('[data-testid="report-imported"]', 60000);
  // 81 RUSMARC records, one of them twice (skipped as a duplicate), plus the good .mrk record.
  assert.match(imported, /\b81\b/);
  const report = await session.script("return document.querySelector('[data-testid=\"import-report\"]')?.textContent ?? ''");
  assert.match(report, /partner\.mrk/, "the skipped record names its file");
  await shot("06-import-report-ru");
  await session.click(await session.find('[data-testid="lang-select"] option[value="zh-CN"]'));
  await session.waitFor("the report in Chinese", async () =>
    /条/.test(await session.script("return document.querySelector('[data-testid=\"import-report\"]')?.textContent ?? ''")),
  );
  await shot("07-import-report-zh");
});

test("the imported records are in the list, in Russian as catalogued", async () => {
  await session.keys(["\uE00C"]); // Escape closes the report
  await session.waitFor("the count", async () => (await session.textOf('[data-testid="status-count"]')) === "81 条记录");
  const text = await session.waitFor("Cyrillic titles, decoded from Windows-1251", async () => {
    const rows = await session.script("return [...document.querySelectorAll('[data-testid=\"record-row\"]')].map((r) => r.textContent).join('\\n')");
    return /[а-яё]{4}/i.test(rows) && rows;
  });
  assert.ok(!text.includes("\uFFFD"), "no replacement characters");
  await shot("08-imported-list-zh");
});

test("Export… offers the selected record, a flavour to crosswalk to and the character sets", async () => {
  await session.click(await session.find('[data-testid="record-row"]'));
  const title = await session.waitFor("the record shown", async () => {
    const shown = await session.script("return document.querySelector('[data-testid=\"record-title\"]')?.textContent ?? ''");
    return shown.trim().length > 0 && shown.trim();
  });
  await session.click(await session.find('[data-testid="toolbar-export"]'));
  const dialogText = () =>
    session.script("return document.querySelector('[data-testid=\"export-dialog\"]')?.textContent ?? ''");
  await session.waitFor("the export dialog", async () => /MARC 21/.test(await dialogText()));
  const selected = await session.script(
    "const i = document.querySelector('[data-testid=\"export-scope-selected\"]'); return i ? !i.disabled : false",
  );
  assert.equal(selected, true, "the selected record can be exported alone");
  assert.ok((await dialogText()).includes(title.slice(0, 10)), "the selected record's title is named");
  await session.click(await session.find('[data-testid="export-scope-selected"]'));
  await session.waitFor("the selected record chosen", () =>
    session.script("return document.querySelector('[data-testid=\"export-scope-selected\"]').checked"),
  );
  await session.click(await session.find('[data-testid="export-flavour"] option[value="marc21"]'));
  const flavour = await session.script("return document.querySelector('[data-testid=\"export-flavour\"]').value");
  assert.equal(flavour, "marc21");
  await new Promise((resolve) => setTimeout(resolve, 300)); // let the window repaint
  await shot("09-export-dialog-zh");
  await session.click(await session.find('[data-testid="export-close"]'));
});
