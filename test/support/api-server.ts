import type { Database } from "@faultline/db";
import { createTestProject, openDatabase, resetState, startTestServer, type TestServer } from "./harness";

/**
 * The usual set-up of an API test file: a fresh database with projects "acme/checkout" and
 * "rival/secret", and a server. Returns live getters (the values change per test).
 */
export function useApiServer() {
  const state = {} as { db: Database; server: TestServer; projectId: number; rivalProjectId: number };
  beforeAll(() => {
    state.db = openDatabase();
  });
  afterAll(async () => {
    await state.db.$disconnect();
  });
  beforeEach(async () => {
    await resetState(state.db);
    state.server = await startTestServer(state.db);
    state.projectId = (await createTestProject(state.db, "Checkout", "acme")).projectId;
    state.rivalProjectId = (await createTestProject(state.db, "Secret", "rival")).projectId;
  });
  afterEach(async () => {
    await state.server.close();
  });
  return state;
}
