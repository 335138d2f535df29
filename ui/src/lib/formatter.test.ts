import { describe, expect, it, vi } from "vitest";
import type { Message } from "./bindings";
import { MessageFormatter, fallbackText, messageKey } from "./formatter";

/** A fake backend: formats `code(args)` with a prefix for the current language. */
function fakeBackend(prefix = { value: "en" }) {
  const calls: Message[][] = [];
  const format = vi.fn(async (messages: Message[]) => {
    calls.push(messages);
    return messages.map((m) => `${prefix.value}:${m.code}:${JSON.stringify(m.args)}`);
  });
  return { format, calls, prefix };
}

/** Lets queued microtasks and the fake's promise settle. */
async function flush(formatter: MessageFormatter) {
  await formatter.settled();
}

describe("MessageFormatter", () => {
  it("sends one formatMessages call for many requests in one tick", async () => {
    const backend = fakeBackend();
    const formatter = new MessageFormatter({ format: backend.format });
    expect(formatter.format({ code: "status-record-count", args: { count: 1 } })).toBe("");
    expect(formatter.format({ code: "status-record-count", args: { count: 2 } })).toBe("");
    expect(formatter.format({ code: "record-date", args: { date: 1_700_000_000_000 } })).toBe("");
    expect(backend.format).not.toHaveBeenCalled(); // batched, not sent synchronously
    await flush(formatter);
    expect(backend.format).toHaveBeenCalledTimes(1);
    expect(backend.calls[0]).toHaveLength(3);
    expect(formatter.format({ code: "status-record-count", args: { count: 2 } })).toBe(
      'en:status-record-count:{"count":2}',
    );
  });

  it("asks for the same message once, even when requested many times", async () => {
    const backend = fakeBackend();
    const formatter = new MessageFormatter({ format: backend.format });
    for (let i = 0; i < 50; i++) formatter.format({ code: "status-record-count", args: { count: 5 } });
    await flush(formatter);
    expect(backend.calls).toEqual([[{ code: "status-record-count", args: { count: 5 } }]]);
    // Cached: rendering again costs no round trip.
    formatter.format({ code: "status-record-count", args: { count: 5 } });
    await flush(formatter);
    expect(backend.format).toHaveBeenCalledTimes(1);
  });

  it("does not send a request again while it is on its way", async () => {
    let release: (texts: string[]) => void = () => {};
    const format = vi.fn(() => new Promise<string[]>((resolve) => (release = resolve)));
    const formatter = new MessageFormatter({ format });
    formatter.format({ code: "a", args: { n: 1 } });
    await Promise.resolve();
    expect(format).toHaveBeenCalledTimes(1);
    formatter.format({ code: "a", args: { n: 1 } });
    await Promise.resolve();
    expect(format).toHaveBeenCalledTimes(1);
    release(["one"]);
    await flush(formatter);
    expect(formatter.format({ code: "a", args: { n: 1 } })).toBe("one");
  });

  it("keys messages by their JSON, whatever the order of the arguments", () => {
    expect(messageKey({ code: "x", args: { b: 1, a: "z" } })).toBe(messageKey({ code: "x", args: { a: "z", b: 1 } }));
    expect(messageKey({ code: "x", args: { a: 1 } })).not.toBe(messageKey({ code: "x", args: { a: 2 } }));
    expect(messageKey({ code: "x", args: { a: 1 } })).not.toBe(messageKey({ code: "y", args: { a: 1 } }));
  });

  it("clears the cache on a language switch and formats again in the new language", async () => {
    const backend = fakeBackend();
    const formatter = new MessageFormatter({ format: backend.format });
    const count = { code: "status-record-count", args: { count: 3 } };
    formatter.format(count);
    await flush(formatter);
    expect(formatter.format(count)).toBe('en:status-record-count:{"count":3}');
    expect(formatter.size).toBe(1);

    backend.prefix.value = "ru";
    formatter.clear();
    expect(formatter.size).toBe(0);
    // Until the new text arrives the old one stays on screen (no blank flash)…
    expect(formatter.format(count)).toBe('en:status-record-count:{"count":3}');
    await flush(formatter);
    // …then it is replaced by the new language's.
    expect(backend.format).toHaveBeenCalledTimes(2);
    expect(formatter.format(count)).toBe('ru:status-record-count:{"count":3}');
  });

  it("drops answers that arrive after a language switch", async () => {
    const pending: ((texts: string[]) => void)[] = [];
    const format = vi.fn((_messages: Message[]) => new Promise<string[]>((resolve) => pending.push(resolve)));
    const formatter = new MessageFormatter({ format });
    const message = { code: "record-date", args: { date: 0 } };
    formatter.format(message);
    await Promise.resolve();
    formatter.clear(); // the language changes while the request is out
    pending[0](["old language"]);
    await Promise.resolve();
    await Promise.resolve();
    expect(formatter.format(message)).toBe(""); // not the stale answer
    await Promise.resolve();
    expect(format).toHaveBeenCalledTimes(2); // asked again
    pending[1](["new language"]);
    await flush(formatter);
    expect(formatter.format(message)).toBe("new language");
  });

  it("tells the store, so the UI re-renders", async () => {
    const backend = fakeBackend();
    const store = new Map<string, string>();
    const set = vi.spyOn(store, "set");
    const clear = vi.spyOn(store, "clear");
    const formatter = new MessageFormatter({ format: backend.format, store });
    formatter.format({ code: "a", args: { x: 1 } });
    await flush(formatter);
    expect(set).toHaveBeenCalledWith(messageKey({ code: "a", args: { x: 1 } }), 'en:a:{"x":1}');
    formatter.clear();
    expect(clear).toHaveBeenCalled();
    expect(store.size).toBe(0);
  });

  it("uses the loaded plain messages for messages without arguments", async () => {
    const backend = fakeBackend();
    const plain: Record<string, string> = { "record-no-title": "[no title]" };
    const formatter = new MessageFormatter({ format: backend.format, plain: (id) => plain[id] });
    expect(formatter.format({ code: "record-no-title", args: {} })).toBe("[no title]");
    await flush(formatter);
    expect(backend.format).not.toHaveBeenCalled();
  });

  it("shows the code and arguments if the backend cannot format, and reports it", async () => {
    const onError = vi.fn();
    const format = vi.fn(async () => {
      throw { code: "error-internal", args: { detail: "gone" } };
    });
    const formatter = new MessageFormatter({ format, onError });
    const message = { code: "mrk-bad-tag", args: { line: 2, column: 1, tag: "2x5" } };
    formatter.format(message);
    await flush(formatter);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(formatter.format(message)).toBe(fallbackText(message));
    expect(fallbackText(message)).toBe("mrk-bad-tag (line=2, column=1, tag=2x5)");
    await flush(formatter);
    expect(format).toHaveBeenCalledTimes(1); // no retry loop
  });

  it("sends arguments the backend accepts: whole numbers", async () => {
    const backend = fakeBackend();
    const formatter = new MessageFormatter({ format: backend.format });
    formatter.format({ code: "a", args: { date: 1.7e12 + 0.4, nested: { code: "b", args: { n: 2.6 } } } });
    await flush(formatter);
    expect(backend.calls[0]).toEqual([{ code: "a", args: { date: 1.7e12, nested: { code: "b", args: { n: 3 } } } }]);
  });

  it("keeps the good messages of a batch the backend refused", async () => {
    const format = vi.fn(async (messages: Message[]) => {
      if (messages.some((m) => m.code === "bad")) throw "invalid args";
      return messages.map((m) => `ok:${m.code}`);
    });
    const onError = vi.fn();
    const formatter = new MessageFormatter({ format, onError });
    formatter.format({ code: "good", args: { n: 1 } });
    formatter.format({ code: "bad", args: { n: 1 } });
    await flush(formatter);
    expect(formatter.format({ code: "good", args: { n: 1 } })).toBe("ok:good");
    expect(formatter.format({ code: "bad", args: { n: 1 } })).toBe("bad (n=1)");
    expect(format).toHaveBeenCalledTimes(3);
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it("sends requests made in a later tick as a second batch", async () => {
    const backend = fakeBackend();
    const formatter = new MessageFormatter({ format: backend.format });
    formatter.format({ code: "a", args: { n: 1 } });
    await flush(formatter);
    formatter.format({ code: "b", args: { n: 1 } });
    formatter.format({ code: "c", args: { n: 1 } });
    await flush(formatter);
    expect(backend.calls.map((batch) => batch.map((m) => m.code))).toEqual([["a"], ["b", "c"]]);
  });
});
