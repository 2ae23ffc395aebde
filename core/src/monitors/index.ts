export * from "./monitor-config";
export * from "./schedule";
export * from "./thresholds";
