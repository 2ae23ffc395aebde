export * from "./accounts";
export * from "./issues";
export * from "./projects";
export * from "./alerts";
export * from "./system";
export * from "./releases";
export * from "./numbers";
export * from "./events";
