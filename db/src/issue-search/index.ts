export * from "./compile-filters";
export * from "./list-issues";
