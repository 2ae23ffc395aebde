import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { Breadcrumbs } from "./Breadcrumbs";

afterEach(cleanup);

const crumbs = {
  values: [
    { category: "navigation", level: "info", message: "/cart", timestamp: 1764900000 },
    { category: "http", level: "info", message: "GET /api/cart", data: { status_code: 200 } },
    { category: "http", level: "error", message: "POST /api/pay", data: { status_code: 502 } },
    { category: "console", level: "warning", message: "Retrying payment" },
    { category: "ui.click", level: "info", message: "button#pay" },
  ],
};

const messages = () => [...document.querySelectorAll(".crumb-message")].map((node) => node.textContent);

describe("breadcrumb filter", () => {
  it("filters by text over message and data, case-insensitively", () => {
    render(<Breadcrumbs data={crumbs} />);
    expect(messages()).toHaveLength(5);
    fireEvent.change(screen.getByLabelText("Search breadcrumbs"), { target: { value: "PAY" } });
    expect(messages()).toEqual(["POST /api/pay", "Retrying payment", "button#pay"]);
    fireEvent.change(screen.getByLabelText("Search breadcrumbs"), { target: { value: "502" } });
    expect(messages()).toEqual(["POST /api/pay"]);
    expect(screen.getByRole("status").textContent).toContain("1 of 5 breadcrumbs match");
  });

  it("filters by category and level, offering only the values the event has", () => {
    render(<Breadcrumbs data={crumbs} />);
    const category = screen.getByLabelText("Category");
    expect([...category.querySelectorAll("option")].map((option) => option.textContent)).toEqual([
      "All categories",
      "navigation",
      "http",
      "console",
      "ui.click",
    ]);
    fireEvent.change(category, { target: { value: "http" } });
    expect(messages()).toEqual(["GET /api/cart", "POST /api/pay"]);
    fireEvent.change(screen.getByLabelText("Level"), { target: { value: "error" } });
    expect(messages()).toEqual(["POST /api/pay"]);
    fireEvent.click(screen.getByRole("button", { name: "Clear filter" }));
    expect(messages()).toHaveLength(5);
  });

  it("says when nothing matches, and shows every match even beyond the last twenty", () => {
    const many = { values: Array.from({ length: 30 }, (_, n) => ({ category: "app", message: `step ${n}` })) };
    render(<Breadcrumbs data={many} />);
    expect(messages()).toHaveLength(20);
    fireEvent.change(screen.getByLabelText("Search breadcrumbs"), { target: { value: "step" } });
    expect(messages()).toHaveLength(30);
    fireEvent.change(screen.getByLabelText("Search breadcrumbs"), { target: { value: "nothing like this" } });
    expect(messages()).toHaveLength(0);
    expect(screen.getByRole("status").textContent).toContain("0 of 30 breadcrumbs match");
  });
});
