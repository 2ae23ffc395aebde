export * from "./config";
export * from "./runtime";
export * from "./alerts-runtime";
export * from "./notify/settings";
export * from "./worker-process";
export * from "./heap-growth";
export * from "./supervised";
