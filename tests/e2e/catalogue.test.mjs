// End to end, in the real app window: open a fresh catalogue, create a record with
// Chinese and Russian text, find it in the list, switch ru → zh-CN and see the window
// change, restart and see the record (and the language) persist. Record text from other
// libraries must show as text, never run as markup.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startDriver, Session } from "./webdriver.mjs";

const app = process.env.QIAO_APP ?? new URL("../../target/debug/qiao-app", import.meta.url).pathname;
const home = mkdtempSync(join(tmpdir(), "qiao-e2e-"));
const catalogue = join(home, "fresh.qiao");
const artifacts = new URL("./artifacts/", import.meta.url).pathname;
mkdirSync(artifacts, { recursive: true });

// A new user whose desktop is in Russian; Qiao's settings and data in a fresh folder.
const env = {
  ...process.env,
  LANG: "ru_RU.UTF-8",
  LC_ALL: "",
  LC_MESSAGES: "",
  LANGUAGE: "",
  QIAO_DATA_DIR: join(home, "data"),
  QIAO_CONFIG_DIR: join(home, "config"),
};

const RECORD = [
  "=LDR  00000nam0\\2200000\\\\\\450\\",
  "=001  E2E-0001",
  "=100  \\\\$a20261121d2026    k  y0rusy50      ca",
  "=101  0\\$arus",
  "=200  1\\$aМост через Амур$eфотоальбом = 黑龙江大桥$fсост. И. И. Иванов",
  "=210  \\\\$aХабаровск$cКнижное изд-во$d2026",
  "=801  \\0$aRU$bE2E",
].join("\n");

const HOSTILE_TITLE = '<img src=x onerror="window.__qiaoXss=1">';
const HOSTILE = [
  "=LDR  00000nam0\\2200000\\\\\\450\\",
  "=001  E2E-0002",
  `=200  1\\$a${HOSTILE_TITLE}$f<script>window.__qiaoXss=2</script>`,
  "=801  \\0$aRU",
].join("\n");

let driver;
let session;

async function launch() {
  session = await Session.start(driver.base, app, ["--catalogue", catalogue]);
  await session.waitFor("the status bar", async () => (await session.findAll('[data-testid="status-count"]')).length > 0);
}

async function shot(name) {
  writeFileSync(join(artifacts, `${name}.png`), Buffer.from(await session.screenshot(), "base64"));
}

async function statusCount() {
  return session.textOf('[data-testid="status-count"]');
}

async function waitForStatus(expected) {
  await session.waitFor(`status count "${expected}"`, async () => (await statusCount()) === expected);
}

async function createRecord(text) {
  await session.keys(["\uE009", "n"]);
  const editor = await session.waitFor("the editor", () => session.find('[data-testid="editor-text"]'));
  await session.script(
    "const t = arguments[0]; t.value = arguments[1]; t.dispatchEvent(new Event('input', { bubbles: true }));",
    [`el:${editor}`, text],
  );
  await session.click(await session.find('[data-testid="save-record"]'));
}

/** The rows' full text (textContent: a long title is ellipsized on screen, not in the DOM). */
async function rowTexts() {
  return session.script("return [...document.querySelectorAll('[data-testid=\"record-row\"]')].map((r) => r.textContent)");
}

before(async () => {
  driver = await startDriver({ env });
});

after(async () => {
  await session?.quit();
  driver?.stop();
});

test("a fresh catalogue opens in the desktop's language (Russian)", async () => {
  await launch();
  await waitForStatus("0 записей");
  assert.equal(await session.script("return document.documentElement.lang"), "ru");
  await shot("01-fresh-ru");
});

test("a record with Chinese and Russian text is created and found in the list", async () => {
  await createRecord(RECORD);
  await waitForStatus("1 запись");
  const rows = await session.waitFor("the new row", async () => {
    const texts = await rowTexts();
    return texts.some((t) => t.includes("Мост через Амур") && t.includes("黑龙江大桥")) && texts;
  });
  assert.equal(rows.length, 1);
  const title = await session.textOf('[data-testid="record-title"]');
  assert.match(title, /Мост через Амур/);
  await shot("02-record-ru");
});

test("record text is shown as text, never run as markup", async () => {
  await createRecord(HOSTILE);
  await waitForStatus("2 записи");
  const texts = await session.waitFor("the hostile row", async () => {
    const all = await rowTexts();
    return all.some((t) => t.includes(HOSTILE_TITLE)) && all;
  });
  assert.ok(texts.some((t) => t.includes(HOSTILE_TITLE)));
  const title = await session.textOf('[data-testid="record-title"]');
  assert.ok(title.includes(HOSTILE_TITLE), title);
  const injected = await session.script(
    "return { xss: window.__qiaoXss ?? null, imgs: document.querySelectorAll('img[src=x]').length, scripts: [...document.scripts].filter(s => s.textContent.includes('__qiaoXss')).length }",
  );
  assert.deepEqual(injected, { xss: null, imgs: 0, scripts: 0 });
});

test("switching to Chinese re-renders the window without a restart", async () => {
  const before = await session.script("return document.body.innerText");
  assert.match(before, /записи/);
  await session.click(await session.find('[data-testid="lang-select"] option[value="zh-CN"]'));
  await waitForStatus("2 条记录");
  assert.equal(await session.script("return document.documentElement.lang"), "zh-CN");
  const after = await session.script("return document.body.innerText");
  assert.doesNotMatch(after, /записей|записи|Каталог|Создать/);
  assert.ok(after.includes("Мост через Амур"), "record text stays as catalogued");
  await shot("03-zh");
});

test("after a restart the record and the language are still there", async () => {
  await session.quit();
  session = undefined;
  await launch();
  await waitForStatus("2 条记录");
  const texts = await session.waitFor("rows after restart", async () => {
    const all = await rowTexts();
    return all.length === 2 && all;
  });
  assert.ok(texts.some((t) => t.includes("Мост через Амур") && t.includes("黑龙江大桥")));
  await shot("04-restarted-zh");
});
