export * from "./artifact-store";
export * from "./read-zip";
