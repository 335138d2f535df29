import { describe, expect, it, vi } from "vitest";
import { PageCache } from "./pages";
import { pagesToFetch } from "./virtual";
import type { ListPage, RecordRow } from "./types";

function row(id: number): RecordRow {
  return {
    id,
    flavour: "rusmarc",
    status: "complete",
    title: `Title ${id}`,
    responsibility: "",
    year: null,
    language: null,
    isbn: null,
    modified_at: 0,
  };
}

/** A fake backend holding `total` rows whose ids follow their position (+ `shift`). */
function fakeList(total: number, shift = { value: 0 }) {
  return vi.fn(async (offset: number, limit: number): Promise<ListPage> => {
    const rows: RecordRow[] = [];
    for (let i = offset; i < Math.min(total, offset + limit); i++) rows.push(row(i + shift.value));
    return { total, offset, rows };
  });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("PageCache", () => {
  it("fetches each page once and serves rows from it", async () => {
    const fetch = fakeList(100_000);
    const onChange = vi.fn();
    const cache = new PageCache({ fetch, onChange });
    cache.request([0, 1]);
    cache.request([0, 1]); // already on their way
    await settle();
    expect(fetch.mock.calls).toEqual([
      [0, 100],
      [100, 100],
    ]);
    expect(cache.total).toBe(100_000);
    expect(cache.row(0)?.id).toBe(0);
    expect(cache.row(150)?.id).toBe(150);
    expect(cache.row(250)).toBeUndefined();
    expect(onChange).toHaveBeenCalledTimes(2);
    cache.request([1, 2]);
    await settle();
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(fetch).toHaveBeenLastCalledWith(200, 100);
  });

  it("fetches again after a reset, keeping old rows visible until then", async () => {
    const shift = { value: 0 };
    const fetch = fakeList(1000, shift);
    const cache = new PageCache({ fetch });
    cache.request([0]);
    await settle();
    shift.value = 5000; // the order changed (another sort, another language)
    cache.reset();
    expect(cache.known).toBe(false);
    expect(cache.row(3)?.id).toBe(3); // the old row, no blank flash
    cache.request([0]);
    await settle();
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(cache.row(3)?.id).toBe(5003);
  });

  it("lets a list that was empty fetch again after a reset", async () => {
    const sizes = { total: 0 };
    const fetch = vi.fn(async (offset: number, limit: number): Promise<ListPage> => fakeList(sizes.total)(offset, limit));
    const cache = new PageCache({ fetch });
    cache.request([0]);
    await settle();
    expect(cache.total).toBe(0);
    sizes.total = 81; // an import into the empty catalogue
    cache.reset();
    expect(cache.total).toBe(null);
    expect(pagesToFetch(0, 600, 34, cache.total, 100)).toEqual([0]);
    cache.request(pagesToFetch(0, 600, 34, cache.total, 100));
    await settle();
    expect(cache.total).toBe(81);
  });

  it("drops answers from before a reset", async () => {
    let answer: (page: ListPage) => void = () => {};
    const fetch = vi.fn(() => new Promise<ListPage>((resolve) => (answer = resolve)));
    const cache = new PageCache({ fetch });
    cache.request([0]);
    cache.reset();
    answer({ total: 1, offset: 0, rows: [row(42)] });
    await settle();
    expect(cache.row(0)).toBeUndefined();
    expect(cache.known).toBe(false);
  });

  it("reports a failed page once and does not hammer the backend", async () => {
    const fetch = vi.fn(async (): Promise<ListPage> => {
      throw { code: "error-no-catalogue", args: {} };
    });
    const onError = vi.fn();
    const cache = new PageCache({ fetch, onError });
    cache.request([0]);
    await settle();
    cache.request([0]);
    await settle();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith({ code: "error-no-catalogue", args: {} });
  });

  it("keeps memory bounded by dropping the pages farthest away", async () => {
    const fetch = fakeList(100_000);
    const cache = new PageCache({ fetch, maxPages: 5 });
    for (let page = 0; page < 20; page++) {
      cache.request([page]);
      await settle();
    }
    const kept = Array.from({ length: 20 }, (_, page) => page).filter((page) => cache.hasPage(page));
    expect(kept).toEqual([15, 16, 17, 18, 19]);
  });

  it("fetches the page of a row on demand", async () => {
    const fetch = fakeList(1000);
    const cache = new PageCache({ fetch });
    expect((await cache.ensureRow(512))?.id).toBe(512);
    expect(fetch).toHaveBeenCalledWith(500, 100);
  });
});
