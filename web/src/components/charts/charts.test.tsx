import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { StatSeries } from "../../api/types";
import { Sparkline } from "./Sparkline";
import { TrendChart } from "./TrendChart";
import { toChartPoints } from "./chart-data";

afterEach(cleanup);

describe("charts with empty or odd data", () => {
  it("turn Sentry's [seconds, count] pairs into points and drop malformed ones", () => {
    const series = [[1700000000, 3], [null, 1], "x", [1700003600, -2]] as unknown as StatSeries;
    expect(toChartPoints(series).map((point) => [point.time, point.count])).toEqual([
      [1700000000000, 3],
      [1700003600000, 0],
    ]);
    expect(toChartPoints(undefined)).toEqual([]);
  });

  it("a sparkline without data or with only zeros draws an empty line", () => {
    const { container, rerender } = render(<Sparkline series={undefined} label="x" />);
    expect(container.querySelector(".sparkline-empty")).not.toBeNull();
    rerender(<Sparkline series={[[1700000000, 0]]} label="x" />);
    expect(container.querySelector(".sparkline-empty")?.getAttribute("aria-label")).toBe("x: no events");
  });

  it("a sparkline with events renders a chart", () => {
    const { container } = render(
      <Sparkline
        series={[
          [1700000000, 2],
          [1700003600, 5],
        ]}
        label="x"
      />,
    );
    expect(container.querySelector(".sparkline")?.getAttribute("aria-label")).toBe("x: 7 events");
  });

  it("the trend chart says there were no events", () => {
    render(<TrendChart series={[]} hourly />);
    expect(screen.getByText("No events in this period.")).toBeTruthy();
  });

  it("the trend chart with events renders", () => {
    const { container } = render(<TrendChart series={[[1700000000, 4]]} hourly={false} />);
    expect(container.querySelector(".trend-chart")?.getAttribute("aria-label")).toBe("4 events in this period");
  });
});
