export * from "./parse-date";
export * from "./parse-issue-query";
export * from "./tokenize";
export * from "./types";
