import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Component and logic tests for the dashboard, in a simulated DOM (run by the root `npm test`).
export default defineConfig({
  plugins: [react()],
  test: {
    environment: "happy-dom",
    include: ["src/**/*.test.{ts,tsx}"],
  },
});
