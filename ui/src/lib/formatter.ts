// Formatting messages that have arguments (counts, dates, errors) through the backend,
// which owns Fluent and ICU. Many requests made while the UI renders are sent as ONE
// `formatMessages` call in a microtask; results are cached by the message's JSON.
// Plain TypeScript with its collaborators injected, so it can be tested without Tauri.
import type { Message } from "./bindings";

/** Where results are kept: a Map in tests, a reactive SvelteMap in the app. */
export interface ResultStore {
  get(key: string): string | undefined;
  set(key: string, value: string): unknown;
  clear(): void;
}

export interface FormatterOptions {
  /** One backend round trip: the messages formatted, in the same order. */
  format: (messages: Message[]) => Promise<string[]>;
  store?: ResultStore;
  /** Runs the flush later; a microtask by default. */
  schedule?: (run: () => void) => void;
  /** The already loaded text of a message without arguments, if known. */
  plain?: (id: string) => string | undefined;
  /** Told when a batch could not be formatted. */
  onError?: (error: unknown) => void;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = canonical((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** The cache key of a message: its JSON with the argument names sorted. */
export function messageKey(message: Message): string {
  return JSON.stringify(canonical(message));
}

/**
 * The message as the backend accepts it: arguments are whole numbers, text or messages
 * (the Rust side has no null and no fractions), so nulls are left out and numbers rounded.
 */
export function wireMessage(message: Message): Message {
  const args: Message["args"] = {};
  for (const [name, value] of Object.entries(message.args ?? {})) {
    if (value === null || value === undefined) continue;
    if (typeof value === "number") args[name] = Number.isFinite(value) ? Math.round(value) : String(value);
    else if (typeof value === "object") args[name] = wireMessage(value);
    else args[name] = value;
  }
  return { code: message.code, args };
}

/** What is shown if the backend could not format a message at all. */
export function fallbackText(message: Message): string {
  const args = Object.entries(message.args ?? {})
    .map(([name, value]) => `${name}=${typeof value === "object" && value !== null ? value.code : String(value)}`)
    .join(", ");
  return args ? `${message.code} (${args})` : message.code;
}

export class MessageFormatter {
  #format: FormatterOptions["format"];
  #store: ResultStore;
  #schedule: (run: () => void) => void;
  #plain: (id: string) => string | undefined;
  #onError: (error: unknown) => void;
  /** A plain mirror of the store, kept so a clear can still show the old text for a tick. */
  #values = new Map<string, string>();
  /** The texts from before the last clear, shown until the new ones arrive (no blank flash). */
  #stale = new Map<string, string>();
  #queued = new Map<string, Message>();
  #inFlight = new Set<string>();
  #scheduled = false;
  #generation = 0;
  #running = new Set<Promise<void>>();

  constructor(options: FormatterOptions) {
    this.#format = options.format;
    this.#store = options.store ?? new Map<string, string>();
    this.#schedule = options.schedule ?? ((run) => queueMicrotask(run));
    this.#plain = options.plain ?? (() => undefined);
    this.#onError = options.onError ?? (() => {});
  }

  /**
   * The formatted text of `message`, or, while it is being formatted, the text it had
   * before the last language switch ("" if none). Never blocks.
   */
  format(message: Message): string {
    const args = message.args ?? {};
    if (Object.keys(args).length === 0) {
      const plain = this.#plain(message.code);
      if (plain !== undefined) return plain;
    }
    const key = messageKey(message);
    const done = this.#store.get(key);
    if (done !== undefined) return done;
    if (!this.#queued.has(key) && !this.#inFlight.has(key)) {
      this.#queued.set(key, message);
      if (!this.#scheduled) {
        this.#scheduled = true;
        this.#schedule(() => this.#flush());
      }
    }
    return this.#stale.get(key) ?? "";
  }

  /** Forgets every result (the language changed); results still on their way are dropped. */
  clear(): void {
    this.#generation += 1;
    this.#stale = this.#values;
    this.#values = new Map();
    this.#queued.clear();
    this.#inFlight.clear();
    this.#store.clear();
  }

  /** How many results are cached (for tests and diagnostics). */
  get size(): number {
    return this.#values.size;
  }

  /** Resolves when every batch sent so far has been answered. */
  async settled(): Promise<void> {
    while (this.#scheduled || this.#running.size > 0) {
      if (this.#scheduled) await Promise.resolve();
      else await Promise.all([...this.#running]);
    }
  }

  #flush(): void {
    this.#scheduled = false;
    if (this.#queued.size === 0) return;
    const batch = [...this.#queued.entries()];
    this.#queued.clear();
    for (const [key] of batch) this.#inFlight.add(key);
    const generation = this.#generation;
    const running: Promise<void> = this.#send(batch, generation).finally(() => this.#running.delete(running));
    this.#running.add(running);
  }

  async #send(batch: [string, Message][], generation: number): Promise<void> {
    let texts: (string | null)[] | null = null;
    let failure: unknown = null;
    try {
      texts = await this.#format(batch.map(([, message]) => wireMessage(message)));
    } catch (error) {
      failure = error;
      if (batch.length > 1) {
        // One bad message must not cost the others their text: ask for each alone.
        texts = await Promise.all(
          batch.map(([, message]) =>
            this.#format([wireMessage(message)]).then(
              (one) => one[0] ?? null,
              () => null,
            ),
          ),
        );
      }
    }
    if (generation !== this.#generation) return; // the language changed meanwhile
    batch.forEach(([key, message], index) => {
      this.#inFlight.delete(key);
      const text = texts?.[index];
      this.#put(key, typeof text === "string" ? text : fallbackText(message));
    });
    if (failure !== null) this.#onError(failure);
  }

  #put(key: string, text: string): void {
    this.#values.set(key, text);
    this.#store.set(key, text);
  }
}
