import { describe, expect, it } from "vitest";
import {
  centreRow,
  pageOf,
  pagesToFetch,
  revealRow,
  rowsPerPage,
  spacerHeight,
  toContentTop,
  toDomTop,
  visibleRows,
} from "./virtual";

const ROW = 34;
const PAGE = 100;

describe("visibleRows", () => {
  it("renders only the rows in the viewport at the top", () => {
    expect(visibleRows(0, 340, ROW, 100_000)).toEqual({ start: 0, end: 10 });
  });

  it("includes a partly visible last row", () => {
    expect(visibleRows(0, 350, ROW, 100_000)).toEqual({ start: 0, end: 11 });
  });

  it("follows the scroll position deep into a large list", () => {
    // Row 50 000 starts at 1 700 000 px.
    expect(visibleRows(1_700_000, 680, ROW, 100_000)).toEqual({ start: 50_000, end: 50_020 });
    expect(visibleRows(1_700_017, 680, ROW, 100_000)).toEqual({ start: 50_000, end: 50_021 });
  });

  it("adds overscan on both sides, clamped to the list", () => {
    expect(visibleRows(0, 340, ROW, 100_000, 5)).toEqual({ start: 0, end: 15 });
    expect(visibleRows(340, 340, ROW, 100_000, 5)).toEqual({ start: 5, end: 25 });
    expect(visibleRows(99_990 * ROW, 340, ROW, 100_000, 5)).toEqual({ start: 99_985, end: 100_000 });
  });

  it("never goes past the end of a short list", () => {
    expect(visibleRows(0, 1000, ROW, 3)).toEqual({ start: 0, end: 3 });
    expect(visibleRows(5000, 1000, ROW, 3)).toEqual({ start: 2, end: 3 });
  });

  it("is empty for an empty list or no viewport rows", () => {
    expect(visibleRows(0, 500, ROW, 0)).toEqual({ start: 0, end: 0 });
    expect(visibleRows(-20, 340, ROW, 5)).toEqual({ start: 0, end: 5 });
  });

  it("renders a bounded number of rows however long the list is", () => {
    const { start, end } = visibleRows(1_234_567, 900, ROW, 1_000_000, 4);
    expect(end - start).toBeLessThanOrEqual(Math.ceil(900 / ROW) + 1 + 8);
  });
});

describe("pagesToFetch", () => {
  it("asks for the first page while the total is unknown", () => {
    expect(pagesToFetch(0, 600, ROW, null, PAGE)).toEqual([0]);
  });

  it("fetches nothing for an empty list", () => {
    expect(pagesToFetch(0, 600, ROW, 0, PAGE)).toEqual([]);
  });

  it("fetches the visible page and one page after it at the top", () => {
    expect(pagesToFetch(0, 600, ROW, 100_000, PAGE)).toEqual([0, 1]);
  });

  it("fetches one page of margin on each side in the middle", () => {
    // Row 50 000 is on page 500; the viewport holds rows 50 000–50 017.
    expect(pagesToFetch(50_000 * ROW, 600, ROW, 100_000, PAGE)).toEqual([499, 500, 501]);
  });

  it("fetches both pages when the viewport straddles a page boundary", () => {
    // Rows 95–112: pages 0 and 1 visible, margin adds page 2.
    expect(pagesToFetch(95 * ROW, 600, ROW, 100_000, PAGE)).toEqual([0, 1, 2]);
  });

  it("stops at the last page", () => {
    expect(pagesToFetch(99_990 * ROW, 600, ROW, 100_000, PAGE)).toEqual([998, 999]);
    expect(pagesToFetch(0, 600, ROW, 150, PAGE)).toEqual([0, 1]);
  });

  it("honours a wider margin", () => {
    expect(pagesToFetch(50_000 * ROW, 600, ROW, 100_000, PAGE, 2)).toEqual([498, 499, 500, 501, 502]);
  });
});

describe("row helpers", () => {
  it("maps rows to pages", () => {
    expect(pageOf(0, PAGE)).toBe(0);
    expect(pageOf(99, PAGE)).toBe(0);
    expect(pageOf(100, PAGE)).toBe(1);
    expect(pageOf(123_456, PAGE)).toBe(1234);
  });

  it("reveals a row by scrolling as little as possible", () => {
    expect(revealRow(5, 0, 340, ROW)).toBe(0); // already visible
    expect(revealRow(10, 0, 340, ROW)).toBe(11 * ROW - 340); // just below
    expect(revealRow(3, 500, 340, ROW)).toBe(3 * ROW); // above
  });

  it("centres a far row, clamped to the scroll range", () => {
    expect(centreRow(50_000, 340, ROW, 100_000)).toBe(50_000 * ROW - (340 - ROW) / 2);
    expect(centreRow(0, 340, ROW, 100_000)).toBe(0);
    expect(centreRow(99_999, 340, ROW, 100_000)).toBe(100_000 * ROW - 340);
  });

  it("counts whole rows per page, at least one", () => {
    expect(rowsPerPage(340, ROW)).toBe(10);
    expect(rowsPerPage(10, ROW)).toBe(1);
  });
});

describe("very long lists", () => {
  it("leaves the spacer alone below the cap", () => {
    expect(spacerHeight(100_000 * ROW, 15_000_000)).toBe(3_400_000);
    expect(toContentTop(1234, 3_400_000, 3_400_000, 600)).toBe(1234);
    expect(toDomTop(1234, 3_400_000, 3_400_000, 600)).toBe(1234);
  });

  it("maps the capped spacer onto the whole content, ends included", () => {
    const content = 2_000_000 * ROW; // 68 million px
    const dom = spacerHeight(content, 15_000_000);
    expect(dom).toBe(15_000_000);
    expect(toContentTop(0, content, dom, 600)).toBe(0);
    expect(toContentTop(dom - 600, content, dom, 600)).toBeCloseTo(content - 600, 3);
    const middle = toDomTop(content / 2, content, dom, 600);
    expect(toContentTop(middle, content, dom, 600)).toBeCloseTo(content / 2, 3);
    // The last row is reachable.
    const rows = visibleRows(toContentTop(dom - 600, content, dom, 600), 600, ROW, 2_000_000);
    expect(rows.end).toBe(2_000_000);
  });
});
