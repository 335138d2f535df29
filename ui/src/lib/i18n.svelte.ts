// The interface language, reactive. Plain messages come in one `uiMessages()` call; messages
// with arguments (counts, dates, errors) are formatted by the backend through the batching
// cache in formatter.ts. A language switch clears that cache, so every count, date and error
// on screen is formatted again in the new language.
import { SvelteMap } from "svelte/reactivity";
import { commands, type Arg, type Lang, type Message, type UiMessages } from "./bindings";
import { call, type Result } from "./api";
import { MessageFormatter, wireMessage } from "./formatter";

export const LANGS: readonly Lang[] = ["zh-CN", "ru", "en"];

/** The message holding a language's own name. */
export function langNameId(lang: Lang): string {
  return lang === "zh-CN" ? "lang-name-zh" : `lang-name-${lang}`;
}

class I18n {
  lang = $state<Lang>("en");
  ready = $state(false);
  #messages = $state.raw<Partial<Record<string, string>>>({});
  #formatter = new MessageFormatter({
    format: (messages) => commands.formatMessages(messages),
    store: new SvelteMap<string, string>(),
    plain: (id) => this.#messages[id],
    onError: (error) => console.warn("formatMessages failed", error),
  });

  /** A message without arguments; the id itself if there is no such message. */
  t(id: string): string {
    return this.#messages[id] ?? id;
  }

  /** A message with arguments, formatted by the backend (re-rendered when it arrives). */
  tm(message: Message): string {
    return this.#formatter.format(message);
  }

  tf(id: string, args: Record<string, Arg>): string {
    return this.#formatter.format({ code: id, args });
  }

  /**
   * Formats messages at once, in one backend call, for text composed outside the page (a
   * report to save). Rejects as the backend does.
   */
  async formatNow(messages: Message[]): Promise<string[]> {
    return commands.formatMessages(messages.map(wireMessage));
  }

  /** Loads the current language's messages. */
  async load(): Promise<Result<UiMessages>> {
    const result = await call(() => commands.uiMessages());
    if (result.ok) this.#apply(result.value);
    else this.ready = true; // show the window anyway (ids instead of text) with the error
    return result;
  }

  /** Switches the interface (and the backend) to `lang`. */
  async switchTo(lang: Lang): Promise<Result<UiMessages>> {
    const result = await call(() => commands.setLanguage(lang));
    if (result.ok) this.#apply(result.value);
    return result;
  }

  #apply(ui: UiMessages): void {
    const changed = ui.lang !== this.lang || !this.ready;
    this.#messages = ui.messages;
    this.lang = ui.lang;
    if (changed) this.#formatter.clear();
    this.ready = true;
    if (typeof document !== "undefined") document.documentElement.lang = ui.lang;
  }
}

export const i18n = new I18n();

export const t = (id: string): string => i18n.t(id);
export const tm = (message: Message): string => i18n.tm(message);
export const tf = (id: string, args: Record<string, Arg>): string => i18n.tf(id, args);
