import { describe, expect, it } from "vitest";
import { call, isMessage, numberArg, toMessage } from "./api";

describe("toMessage", () => {
  it("keeps a backend Message as it is", () => {
    const message = { code: "mrk-bad-tag", args: { line: 3, column: 1, tag: "2x5" } };
    expect(toMessage(message)).toBe(message);
  });

  it("keeps nested messages", () => {
    const message = { code: "error-import-record", args: { file: "a.mrk", detail: { code: "io-not-found", args: {} } } };
    expect(toMessage(message)).toEqual(message);
  });

  it("turns a plain string (a framework failure) into error-internal", () => {
    expect(toMessage("command save_record not found")).toEqual({
      code: "error-internal",
      args: { detail: "command save_record not found" },
    });
  });

  it("turns an Error into error-internal with its message", () => {
    expect(toMessage(new TypeError("window.__TAURI_INTERNALS__ is undefined"))).toEqual({
      code: "error-internal",
      args: { detail: "window.__TAURI_INTERNALS__ is undefined" },
    });
  });

  it("does not take look-alikes for messages", () => {
    expect(isMessage({ code: "x" })).toBe(false);
    expect(isMessage({ code: 3, args: {} })).toBe(false);
    expect(isMessage({ code: "", args: {} })).toBe(false);
    expect(isMessage({ code: "x", args: [] })).toBe(false);
    expect(toMessage({ message: "boom" })).toEqual({ code: "error-internal", args: { detail: "boom" } });
    expect(toMessage({ weird: 1 })).toEqual({ code: "error-internal", args: { detail: '{"weird":1}' } });
    expect(toMessage(undefined)).toEqual({ code: "error-internal", args: { detail: "undefined" } });
    expect(toMessage(null)).toEqual({ code: "error-internal", args: { detail: "null" } });
  });
});

describe("call", () => {
  it("wraps a value", async () => {
    expect(await call(async () => 42)).toEqual({ ok: true, value: 42 });
  });

  it("wraps a rejection with a Message", async () => {
    const error = { code: "error-record-conflict", args: { id: 7, expected: 2, current: 3 } };
    expect(await call(() => Promise.reject(error))).toEqual({ ok: false, error });
  });

  it("wraps a rejection with a string", async () => {
    expect(await call(() => Promise.reject("ipc failed"))).toEqual({
      ok: false,
      error: { code: "error-internal", args: { detail: "ipc failed" } },
    });
  });

  it("catches a synchronous throw", async () => {
    const result = await call<number>(() => {
      throw new Error("no runtime");
    });
    expect(result).toEqual({ ok: false, error: { code: "error-internal", args: { detail: "no runtime" } } });
  });
});

describe("numberArg", () => {
  it("reads numeric arguments", () => {
    const message = { code: "mrk-expected-separator", args: { line: 4, column: "9", tag: "245" } };
    expect(numberArg(message, "line")).toBe(4);
    expect(numberArg(message, "column")).toBe(9);
    expect(numberArg(message, "tag")).toBe(245);
    expect(numberArg(message, "missing")).toBeNull();
    expect(numberArg({ code: "x", args: { line: "four" } }, "line")).toBeNull();
  });
});
