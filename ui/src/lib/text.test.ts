import { describe, expect, it } from "vitest";
import { defaultFlavour, isBlankIndicator, offsetOf } from "./text";

describe("offsetOf", () => {
  const text = "=LDR  00000nam\n=200  1\\$a呐喊$f鲁迅著\n=700  \\0$a𠀋字";

  it("finds line and column, 1-based", () => {
    expect(offsetOf(text, 1, 1)).toBe(0);
    expect(offsetOf(text, 1, 2)).toBe(1);
    expect(offsetOf(text, 2, 1)).toBe(text.indexOf("=200"));
    expect(offsetOf(text, 2, 10)).toBe(text.indexOf("$a呐喊") + 1);
  });

  it("counts characters, not UTF-16 units, as the backend does", () => {
    const line3 = text.indexOf("=700");
    // "=700  \0$a" is 10 characters, then the astral 𠀋 (two UTF-16 units), then 字.
    expect(offsetOf(text, 3, 11)).toBe(line3 + 10);
    expect(offsetOf(text, 3, 12)).toBe(line3 + 12);
  });

  it("clamps to the end of the line and of the text", () => {
    expect(offsetOf(text, 1, 999)).toBe(text.indexOf("\n"));
    expect(offsetOf(text, 99, 1)).toBe(text.length);
    expect(offsetOf("", 1, 1)).toBe(0);
  });
});

describe("defaultFlavour", () => {
  it("follows the interface language", () => {
    expect(defaultFlavour("ru")).toBe("rusmarc");
    expect(defaultFlavour("zh-CN")).toBe("cnmarc");
    expect(defaultFlavour("en")).toBe("marc21");
  });
});

describe("isBlankIndicator", () => {
  it("knows the blank forms", () => {
    expect(isBlankIndicator(" ")).toBe(true);
    expect(isBlankIndicator("\\")).toBe(true);
    expect(isBlankIndicator("0")).toBe(false);
    expect(isBlankIndicator("1")).toBe(false);
  });
});
