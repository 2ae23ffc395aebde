// Two projects: `unit` (pure code, no services) and `integration` (real PostgreSQL and Redis;
// each jest worker gets its own database cloned from a migrated template and its own Redis db).
const transform = {
  "^.+\\.(t|j)sx?$": [
    "@swc/jest",
    { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } },
  ],
};
const moduleNameMapper = { "^@faultline/(core|db|runtime|worker|server)$": "<rootDir>/$1/src/index.ts" };
const packages = "<rootDir>/{core,db,runtime,server,worker}/src/**";

/** @type {import('jest').Config} */
module.exports = {
  // Integration tests talk to real services on a shared 2-core machine: allow them time.
  testTimeout: 30000,
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      transform,
      moduleNameMapper,
      testMatch: [`${packages}/*.test.ts`],
      testPathIgnorePatterns: ["\\.int\\.test\\.ts$", "/dist/", "/node_modules/"],
    },
    {
      displayName: "integration",
      testEnvironment: "node",
      transform,
      moduleNameMapper,
      testMatch: [`${packages}/*.int.test.ts`, "<rootDir>/test/**/*.int.test.ts"],
      testPathIgnorePatterns: ["/dist/", "/node_modules/"],
      // openid-client and its dependencies are ESM-only: compile them to CommonJS like our code.
      transformIgnorePatterns: ["/node_modules/(?!(openid-client|oauth4webapi|jose)/)"],
      globalSetup: "<rootDir>/test/support/global-setup.ts",
      setupFiles: ["<rootDir>/test/support/worker-env.ts"],
    },
  ],
};
