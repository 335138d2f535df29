// Calling the backend: every command rejects with a `Message` (or, for failures of the
// framework itself, a plain string). `call` turns any rejection into a Message, so the UI
// always has something it can format in the current language.
import type { Message } from "./bindings";

export type Result<T> = { ok: true; value: T } | { ok: false; error: Message };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether `value` has the shape of a backend Message: a string code and an args object. */
export function isMessage(value: unknown): value is Message {
  return isRecord(value) && typeof value.code === "string" && value.code.length > 0 && isRecord(value.args);
}

export function internalError(detail: string): Message {
  return { code: "error-internal", args: { detail } };
}

/** Any rejection as a Message: a Message as is, anything else as "error-internal". */
export function toMessage(error: unknown): Message {
  if (isMessage(error)) return error;
  if (typeof error === "string") return internalError(error);
  if (error instanceof Error) return internalError(error.message || error.name);
  if (isRecord(error) && typeof error.message === "string") return internalError(error.message);
  let detail: string;
  try {
    detail = JSON.stringify(error) ?? String(error);
  } catch {
    detail = String(error);
  }
  return internalError(detail);
}

/**
 * Runs one backend call. Takes a function rather than a promise so that a synchronous
 * throw (no Tauri runtime, say) is caught as well.
 */
export async function call<T>(run: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error: toMessage(error) };
  }
}

/** A numeric argument of a message (line, column…), if it has one. */
export function numberArg(message: Message, name: string): number | null {
  const value = message.args[name];
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  return null;
}
