export * from "./accounts";
export * from "./issues";
export * from "./projects";
export * from "./releases";
