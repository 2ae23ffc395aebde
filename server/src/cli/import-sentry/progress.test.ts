import { createProgress } from "./progress";

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  const stream = { isTTY, write: (text: string) => written.push(text) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe("the import progress bar", () => {
  it("redraws one line per project on a terminal and ends it with the outcome", () => {
    const { stream, written } = fakeStream(true);
    const progress = createProgress(stream);
    progress.show("checkout", 1, 4, "keys");
    progress.finish("checkout", "imported");
    expect(written).toEqual([
      `\r\x1b[2K[#####               ] checkout  keys`,
      `\r\x1b[2K[####################] checkout  imported\n`,
    ]);
  });

  it("writes nothing when the output is not a terminal", () => {
    const { stream, written } = fakeStream(false);
    const progress = createProgress(stream);
    progress.show("checkout", 1, 4, "keys");
    progress.finish("checkout", "imported");
    expect(written).toEqual([]);
  });
});
