import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { EventErrors } from "./EventErrors";

afterEach(cleanup);

describe("processing errors", () => {
  it("say what went wrong and where, as text", () => {
    render(
      <EventErrors
        errors={[
          {
            type: "js_no_source",
            message: "Source code was not found",
            data: { url: "https://shop.example/<b>app</b>.min.js" },
          },
        ]}
      />,
    );
    expect(screen.getByText("Source code was not found")).toBeTruthy();
    expect(screen.getByText("https://shop.example/<b>app</b>.min.js")).toBeTruthy();
    expect(screen.getByText("(js_no_source)")).toBeTruthy();
  });

  it("show nothing when there were none", () => {
    const { container } = render(<EventErrors errors={[]} />);
    expect(container.innerHTML).toBe("");
  });
});
