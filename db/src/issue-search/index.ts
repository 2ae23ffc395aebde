export * from "./compile-filters";
export * from "./event-scope";
export * from "./list-issues";
export * from "./scoped-stats";
