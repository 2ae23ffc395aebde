import { assertLinear } from "../testing/linearity";
import { frameComponent } from "./frame-component";

// Function names are cut at 2048 characters (SHAPE_CAPS.frameFieldLength); these stay under it.
describe("native function-name cleaning runs in linear time", () => {
  it.each([
    ["open parentheses", (n: number) => "(".repeat(n)],
    ["open angle brackets", (n: number) => "<".repeat(n)],
    ["parentheses and a closing one far away", (n: number) => "(".repeat(n) + "x)y"],
    ["angle brackets on many lines", (n: number) => "<a>\n<".repeat(n / 5)],
  ])("%s", (label, makeName) => {
    assertLinear(label, (fn: string) => frameComponent({ function: fn }, "native"), makeName, { size: 128 });
  });
});
