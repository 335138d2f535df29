import { describe, expect, it } from "vitest";
import { RateMeter, etaMessage, fraction, rateMessage } from "./progress";

describe("RateMeter", () => {
  it("gives no rate until enough time is covered", () => {
    const meter = new RateMeter(5000, 1000);
    meter.add({ at: 0, records: 0, bytes: 0 });
    meter.add({ at: 100, records: 50, bytes: 5_000 });
    expect(meter.recordsPerSecond).toBeNull();
    expect(meter.secondsLeft(100_000)).toBeNull();
    meter.add({ at: 1000, records: 500, bytes: 50_000 });
    expect(meter.recordsPerSecond).toBe(500);
    expect(meter.bytesPerSecond).toBe(50_000);
    expect(meter.secondsLeft(100_000)).toBe(1);
  });

  it("smooths over the window: a burst moves the rate only a little", () => {
    const meter = new RateMeter(5000, 1000);
    for (let s = 0; s <= 10; s++) meter.add({ at: s * 1000, records: s * 100, bytes: s * 10_000 });
    expect(meter.recordsPerSecond).toBe(100);
    // One 100 ms tick that read 200 records at once (a burst of small records).
    meter.add({ at: 10_100, records: 1_200, bytes: 102_000 });
    const rate = meter.recordsPerSecond!;
    expect(rate).toBeGreaterThan(100);
    expect(rate).toBeLessThan(150); // not 2,000/s as the last tick alone would say
  });

  it("forgets what is older than the window", () => {
    const meter = new RateMeter(2000, 500);
    // Slow at first, then fast: after the window only the fast part counts.
    for (let s = 0; s <= 5; s++) meter.add({ at: s * 1000, records: s * 10, bytes: s * 10 });
    for (let s = 6; s <= 10; s++) meter.add({ at: s * 1000, records: 50 + (s - 5) * 1000, bytes: 50 + (s - 5) * 1000 });
    expect(meter.recordsPerSecond).toBe(1000);
  });

  it("starts afresh when the counts go back (a new import)", () => {
    const meter = new RateMeter(5000, 1000);
    meter.add({ at: 0, records: 0, bytes: 0 });
    meter.add({ at: 2000, records: 2000, bytes: 2000 });
    meter.add({ at: 2500, records: 0, bytes: 0 });
    expect(meter.recordsPerSecond).toBeNull();
    meter.reset();
    expect(meter.secondsLeft(10)).toBeNull();
  });

  it("gives no time left without a total or without progress", () => {
    const meter = new RateMeter(5000, 1000);
    meter.add({ at: 0, records: 0, bytes: 0 });
    meter.add({ at: 2000, records: 0, bytes: 0 });
    expect(meter.secondsLeft(1000)).toBeNull(); // no bytes read yet: rate 0
    meter.add({ at: 3000, records: 10, bytes: 300 });
    expect(meter.secondsLeft(0)).toBeNull();
    expect(meter.secondsLeft(600)).toBe(3); // 100 bytes/s over 3 s, 300 to go
  });
});

describe("etaMessage", () => {
  it("counts seconds, by fives above ten, then minutes, then hours", () => {
    expect(etaMessage(null)).toBeNull();
    expect(etaMessage(Number.NaN)).toBeNull();
    expect(etaMessage(0.2)).toEqual({ code: "import-eta-seconds", args: { count: 1 } });
    expect(etaMessage(7.1)).toEqual({ code: "import-eta-seconds", args: { count: 8 } });
    expect(etaMessage(21)).toEqual({ code: "import-eta-seconds", args: { count: 25 } });
    expect(etaMessage(58)).toEqual({ code: "import-eta-minutes", args: { count: 1 } });
    expect(etaMessage(150)).toEqual({ code: "import-eta-minutes", args: { count: 3 } });
    expect(etaMessage(59 * 60 + 50)).toEqual({ code: "import-eta-hours", args: { count: 1 } });
    expect(etaMessage(5 * 3600)).toEqual({ code: "import-eta-hours", args: { count: 5 } });
  });
});

describe("rate and fraction", () => {
  it("rounds the rate for the message and bounds the fraction", () => {
    expect(rateMessage(null)).toBeNull();
    expect(rateMessage(1234.6)).toEqual({ code: "import-rate", args: { rate: 1235 } });
    expect(fraction(0, 0)).toBe(0);
    expect(fraction(50, 200)).toBe(0.25);
    expect(fraction(300, 200)).toBe(1);
  });
});
