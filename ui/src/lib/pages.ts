// The rows of the catalogue list, fetched from the backend in pages and cached by page
// index. `reset` starts a new generation (the catalogue, scope, sort or language changed):
// answers to older requests are dropped. Until the first page of the new generation
// arrives, the old rows stay visible so the list does not flash empty.
import type { ListPage, RecordRow } from "./types";

export interface PageCacheOptions {
  /** Fetches `limit` rows from `offset`, in the current order. */
  fetch: (offset: number, limit: number) => Promise<ListPage>;
  pageSize?: number;
  /** How many pages to keep; those farthest from the last request are dropped first. */
  maxPages?: number;
  /** Told whenever rows or the total change. */
  onChange?: () => void;
  onError?: (error: unknown) => void;
}

export class PageCache {
  readonly pageSize: number;
  readonly maxPages: number;
  #fetch: PageCacheOptions["fetch"];
  #onChange: () => void;
  #onError: (error: unknown) => void;
  #pages = new Map<number, RecordRow[]>();
  #stale: Map<number, RecordRow[]> | null = null;
  #staleTotal: number | null = null;
  #inFlight = new Set<number>();
  #failed = new Set<number>();
  #generation = 0;
  #total: number | null = null;
  #centre = 0;

  constructor(options: PageCacheOptions) {
    this.pageSize = options.pageSize ?? 100;
    this.maxPages = Math.max(3, options.maxPages ?? 60);
    this.#fetch = options.fetch;
    this.#onChange = options.onChange ?? (() => {});
    this.#onError = options.onError ?? (() => {});
  }

  /** The number of rows, once a page has told it (the old total until then, after a reset). */
  get total(): number | null {
    return this.#total ?? this.#staleTotal;
  }

  /** Whether the current generation has heard from the backend yet. */
  get known(): boolean {
    return this.#total !== null;
  }

  get generation(): number {
    return this.#generation;
  }

  /** Drops everything: the next requests fetch again. */
  reset(): void {
    this.#generation += 1;
    if (this.#stale === null || this.#pages.size > 0) {
      this.#stale = this.#pages;
      // An old total of 0 holds no height worth keeping, and would tell the list there is
      // nothing to fetch: a list that was empty must ask again.
      this.#staleTotal = this.#total === 0 ? null : this.#total;
    }
    this.#pages = new Map();
    this.#inFlight.clear();
    this.#failed.clear();
    this.#total = null;
  }

  hasPage(page: number): boolean {
    return this.#pages.has(page);
  }

  /** The row at `index`, if its page is here. */
  row(index: number): RecordRow | undefined {
    const page = Math.floor(index / this.pageSize);
    const rows = this.#pages.get(page) ?? this.#stale?.get(page);
    return rows?.[index - page * this.pageSize];
  }

  /** Fetches those of `pages` not cached, not on their way and not failed. */
  request(pages: number[]): void {
    if (pages.length > 0) this.#centre = pages[Math.floor(pages.length / 2)];
    for (const page of pages) {
      if (page < 0 || this.#pages.has(page) || this.#inFlight.has(page) || this.#failed.has(page)) continue;
      void this.load(page);
    }
  }

  /** Fetches one page (again); resolves to its rows, or null if it failed or went stale. */
  async load(page: number): Promise<RecordRow[] | null> {
    const generation = this.#generation;
    this.#inFlight.add(page);
    let result: ListPage;
    try {
      result = await this.#fetch(page * this.pageSize, this.pageSize);
    } catch (error) {
      if (generation === this.#generation) {
        this.#inFlight.delete(page);
        this.#failed.add(page);
        this.#onError(error);
      }
      return null;
    }
    if (generation !== this.#generation) return null;
    this.#inFlight.delete(page);
    this.#pages.set(page, result.rows);
    this.#total = result.total;
    this.#stale = null;
    this.#staleTotal = null;
    this.#evict();
    this.#onChange();
    return result.rows;
  }

  /** The row at `index`, fetching its page if needed. */
  async ensureRow(index: number): Promise<RecordRow | undefined> {
    const page = Math.floor(index / this.pageSize);
    if (!this.#pages.has(page)) await this.load(page);
    return this.#pages.get(page)?.[index - page * this.pageSize];
  }

  #evict(): void {
    if (this.#pages.size <= this.maxPages) return;
    const byDistance = [...this.#pages.keys()].sort(
      (a, b) => Math.abs(b - this.#centre) - Math.abs(a - this.#centre),
    );
    for (const page of byDistance.slice(0, this.#pages.size - this.maxPages)) this.#pages.delete(page);
  }
}
