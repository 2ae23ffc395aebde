export * from "./bundle-manifest";
export * from "./debug-ids";
export * from "./js-frames";
export * from "./processing-error";
export * from "./symbolicate";
export * from "./url-candidates";
