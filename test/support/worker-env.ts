import { databaseUrl, redisUrl, testDatabaseName } from "./databases";

// Runs in every jest worker before its test files: point the code under test at this
// worker's own database and Redis db.
const workerId = process.env.JEST_WORKER_ID ?? "1";
process.env.DATABASE_URL = databaseUrl(testDatabaseName(workerId));
process.env.REDIS_URL = redisUrl(workerId);
process.env.LOG_LEVEL ??= "silent";
