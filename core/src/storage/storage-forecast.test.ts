import { forecastStorage, type StorageForecastInput } from "./storage-forecast";

const now = new Date("2025-06-01T00:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const MB = 1024 * 1024;

function input(overrides: Partial<StorageForecastInput> = {}): StorageForecastInput {
  // 10,000 events of 1 KiB each, 1,000 a day, kept 30 days, first stored 10 days ago.
  return {
    now,
    storedBytes: 10_000 * 1024,
    storedEvents: 10_000,
    budgetBytes: null,
    projects: [{ eventsPerDay: 1000, retentionDays: 30, oldestEventAt: daysAgo(10) }],
    ...overrides,
  };
}

it("levels off at rate × retention × bytes per event, when the window is full", () => {
  const forecast = forecastStorage(input());
  expect(forecast).toMatchObject({
    status: "no_budget",
    bytesPerEvent: 1024,
    growthBytesPerDay: 1000 * 1024,
    steadyStateBytes: 30_000 * 1024,
    steadyStateAt: daysAgo(-20).toISOString(),
    budgetReachedAt: null,
  });
});

it("says when a budget below the steady state is reached", () => {
  // 10 MiB-ish stored, 1000 KiB a day, budget 20,000 KiB: ten more days.
  const forecast = forecastStorage(input({ budgetBytes: 20_000 * 1024 }));
  expect(forecast.status).toBe("will_exceed");
  expect(forecast.budgetReachedAt).toBe(daysAgo(-10).toISOString());
});

it("is within budget when storage levels off below it", () => {
  expect(forecastStorage(input({ budgetBytes: 100 * MB })).status).toBe("within_budget");
});

it("is within budget when the windows fill before the budget would be crossed", () => {
  // Budget 31,000 KiB, steady state 30,000 KiB.
  const forecast = forecastStorage(input({ budgetBytes: 31_000 * 1024 }));
  expect(forecast.status).toBe("within_budget");
  expect(forecast.budgetReachedAt).toBeNull();
});

it("does not grow once every project keeps a full retention window", () => {
  const forecast = forecastStorage(
    input({ projects: [{ eventsPerDay: 1000, retentionDays: 30, oldestEventAt: daysAgo(30) }], budgetBytes: 20 * MB }),
  );
  expect(forecast).toMatchObject({ status: "within_budget", growthBytesPerDay: 0, steadyStateAt: null });
});

it("reports a budget already exceeded", () => {
  expect(forecastStorage(input({ budgetBytes: 5 * MB })).status).toBe("exceeded");
});

it("has nothing to say with no events stored", () => {
  expect(forecastStorage(input({ storedEvents: 0, storedBytes: 0, budgetBytes: MB }))).toMatchObject({
    status: "no_data",
    bytesPerEvent: null,
  });
});
