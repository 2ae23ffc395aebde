export * from "./monitor-config";
export * from "./schedule";
export * from "./thresholds";
export * from "./api-bodies";
