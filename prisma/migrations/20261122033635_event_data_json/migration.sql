-- AlterTable
ALTER TABLE "event" ALTER COLUMN "data" SET DATA TYPE JSON;

-- Faster compression for stored payloads (PostgreSQL 14+ built with lz4, as Debian/Ubuntu/official images are).
ALTER TABLE "event" ALTER COLUMN "data" SET COMPRESSION lz4;
