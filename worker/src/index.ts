export * from "./config";
export * from "./runtime";
export * from "./shutdown";
export * from "./alerts-runtime";
export * from "./notify/settings";
