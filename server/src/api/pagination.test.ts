import { keysetPage } from "./pagination";

const rows = (...ids: number[]) => ids.map((id) => ({ id }));
const key = (row: { id: number }) => [row.id * 10, row.id] as [number, number];

describe("keysetPage", () => {
  it("first page with more to come", () => {
    const { page, links } = keysetPage(rows(9, 8, 7), 2, undefined, key);
    expect(page).toEqual(rows(9, 8));
    expect(links).toEqual({ prev: "90:9:1", hasPrev: false, next: "80:8:0", hasNext: true });
  });

  it("last page", () => {
    const { page, links } = keysetPage(rows(7), 2, { value: "80", id: "8", isPrev: false }, key);
    expect(page).toEqual(rows(7));
    expect(links).toMatchObject({ hasPrev: true, hasNext: false, next: "70:7:0" });
  });

  it("a previous page arrives ascending and is returned in display order", () => {
    const { page, links } = keysetPage(rows(8, 9), 2, { value: "70", id: "7", isPrev: true }, key);
    expect(page).toEqual(rows(9, 8));
    expect(links).toMatchObject({ hasPrev: false, hasNext: true, prev: "90:9:1", next: "80:8:0" });
  });

  it("an empty page has no links with results", () => {
    expect(keysetPage([], 2, undefined, key).links).toMatchObject({ hasPrev: false, hasNext: false });
  });
});
