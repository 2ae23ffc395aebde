import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// The adapter's shadow-database helper ignores `database` when given a connection string,
// so the URL is split into its parts.
function pgConfig(raw: string) {
  const url = new URL(raw);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.slice(1),
  };
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    return new PrismaPg(pgConfig(url));
  },
});
