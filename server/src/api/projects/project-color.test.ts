import { projectColor } from "./project-color";

describe("projectColor", () => {
  it("gives Sentry's colour for a slug (values from Sentry's get_hashed_color in Python)", () => {
    expect(
      Object.fromEntries(
        ["checkout", "the-spoiled-yoghurt", "prime-mover", "pump-station", "a", "cli-a"].map((slug) => [
          slug,
          projectColor(slug),
        ]),
      ),
    ).toEqual({
      checkout: "#bf853f",
      "the-spoiled-yoghurt": "#4cbf3f",
      "prime-mover": "#63bf3f",
      "pump-station": "#bf3f56",
      a: "#bf653f",
      "cli-a": "#443fbf",
    });
  });
});
