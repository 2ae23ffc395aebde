export interface SpikeSettings {
  /** Below this many events in the current minute a project is never considered spiking. */
  minPerMinute: number;
  /** Spiking: this minute's count exceeds `factor` × the previous hour's per-minute average. */
  factor: number;
  /** While spiking, the share of event payloads still stored in full (0..1). */
  sampleRate: number;
}

/**
 * Spike protection rule: a project is spiking when the events counted so far in the current
 * minute exceed both `minPerMinute` and `factor` times its average minute over the previous
 * hour. New projects (no history) therefore spike only past `minPerMinute`.
 */
export function isSpiking(thisMinute: number, previousHour: number, settings: SpikeSettings): boolean {
  const normalPerMinute = previousHour / 60;
  return thisMinute > settings.minPerMinute && thisMinute > settings.factor * normalPerMinute;
}
