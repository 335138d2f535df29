// A small W3C WebDriver client over fetch: enough to drive Qiao's real window through
// tauri-driver (which hands the session to WebKitWebDriver on Linux).

import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export class WebDriverError extends Error {}

async function call(base, method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new WebDriverError(`${method} ${path}: ${response.status} ${JSON.stringify(json.value ?? json)}`);
  }
  return json.value;
}

/** Starts tauri-driver on `port` and waits until it answers. */
export async function startDriver({ port = 4444, env = process.env } = {}) {
  const child = spawn("tauri-driver", ["--port", String(port)], {
    env,
    stdio: "ignore",
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(base + "/status");
      return {
        base,
        stop() {
          // tauri-driver starts WebKitWebDriver, which starts the app: end the whole group.
          try {
            process.kill(-child.pid, "SIGTERM");
          } catch {}
        },
      };
    } catch {
      await sleep(100);
    }
  }
  throw new Error("tauri-driver did not start");
}

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(base, application, args = []) {
    const value = await call(base, "POST", "/session", {
      capabilities: { alwaysMatch: { "tauri:options": { application, args } } },
    });
    return new Session(base, value.sessionId);
  }

  cmd(method, path, body) {
    return call(this.base, method, `/session/${this.id}${path}`, body);
  }

  async quit() {
    await this.cmd("DELETE", "").catch(() => {});
  }

  async find(css) {
    const value = await this.cmd("POST", "/element", { using: "css selector", value: css });
    return value[ELEMENT];
  }

  async findAll(css) {
    const value = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return value.map((v) => v[ELEMENT]);
  }

  click(element) {
    return this.cmd("POST", `/element/${element}/click`, {});
  }

  type(element, text) {
    return this.cmd("POST", `/element/${element}/value`, { text });
  }

  text(element) {
    return this.cmd("GET", `/element/${element}/text`);
  }

  attribute(element, name) {
    return this.cmd("GET", `/element/${element}/attribute/${name}`);
  }

  /** Runs a script in the page; elements may be passed as arguments. */
  script(source, args = []) {
    const wrapped = args.map((a) => (typeof a === "string" && a.startsWith("el:") ? { [ELEMENT]: a.slice(3) } : a));
    return this.cmd("POST", "/execute/sync", { script: source, args: wrapped });
  }

  /** Presses a key chord, e.g. keys(["\uE009", "s"]) for Ctrl+S. */
  keys(chord) {
    const down = chord.map((value) => ({ type: "keyDown", value }));
    const up = [...chord].reverse().map((value) => ({ type: "keyUp", value }));
    return this.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions: [...down, ...up] }] });
  }

  screenshot() {
    return this.cmd("GET", "/screenshot");
  }

  /** Polls `probe` until it returns a truthy value (returned) or the time runs out. */
  async waitFor(what, probe, timeoutMs = 15000) {
    const deadline = Date.now() + timeoutMs;
    let last;
    while (Date.now() < deadline) {
      try {
        last = await probe();
        if (last) return last;
      } catch (e) {
        last = e;
      }
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
  }

  /** The text of the first element matching `css`, once it exists. */
  async textOf(css, timeoutMs) {
    return this.waitFor(css, async () => this.text(await this.find(css)), timeoutMs);
  }
}
