import { alertRuleSchema, type AlertRule } from "@faultline/core";
import type { Database } from "./client";
import type { AlertRule as AlertRuleRow } from "./generated/prisma/client";

export interface StoredAlertRule extends AlertRule {
  id: number;
  projectId: number;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Rows back to the rule contract. Rules are validated on the way in; this re-check keeps the
 * JSON columns typed, and a rule that no longer parses (written by an older version) is skipped.
 */
export function toStoredRule(row: AlertRuleRow): StoredAlertRule | null {
  const parsed = alertRuleSchema.safeParse({
    name: row.name,
    enabled: row.enabled,
    triggerMatch: row.triggerMatch,
    triggers: row.triggers,
    filters: row.filters,
    actions: row.actions,
    actionIntervalMinutes: row.actionIntervalMinutes,
    digestMinutes: row.digestMinutes,
    snoozedUntil: row.snoozedUntil?.toISOString() ?? null,
  });
  if (!parsed.success) return null;
  return { ...parsed.data, id: row.id, projectId: row.projectId, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

function columns(rule: AlertRule) {
  return {
    name: rule.name,
    enabled: rule.enabled,
    triggerMatch: rule.triggerMatch,
    triggers: rule.triggers,
    filters: rule.filters,
    actions: rule.actions,
    actionIntervalMinutes: rule.actionIntervalMinutes,
    digestMinutes: rule.digestMinutes,
    snoozedUntil: rule.snoozedUntil === null ? null : new Date(rule.snoozedUntil),
  };
}

const present = (rule: StoredAlertRule | null): rule is StoredAlertRule => rule !== null;

export function createAlertRulesRepo(db: Database) {
  return {
    async list(projectId: number): Promise<StoredAlertRule[]> {
      const rows = await db.alertRule.findMany({ where: { projectId }, orderBy: { id: "asc" } });
      return rows.map(toStoredRule).filter(present);
    },

    /** The rules the worker evaluates for an event of the project. */
    async listEnabled(projectId: number): Promise<StoredAlertRule[]> {
      const rows = await db.alertRule.findMany({ where: { projectId, enabled: true }, orderBy: { id: "asc" } });
      return rows.map(toStoredRule).filter(present);
    },

    /** The rule, only if it belongs to the project (ids from URLs are never trusted alone). */
    async get(projectId: number, id: number): Promise<StoredAlertRule | null> {
      const row = await db.alertRule.findFirst({ where: { id, projectId } });
      return row ? toStoredRule(row) : null;
    },

    /** For jobs that carry only the rule id (digests). */
    async getById(id: number): Promise<StoredAlertRule | null> {
      const row = await db.alertRule.findUnique({ where: { id } });
      return row ? toStoredRule(row) : null;
    },

    async create(projectId: number, rule: AlertRule): Promise<StoredAlertRule> {
      const row = await db.alertRule.create({ data: { projectId, ...columns(rule) } });
      const stored = toStoredRule(row);
      if (!stored) throw new Error("stored rule does not parse");
      return stored;
    },

    async update(projectId: number, id: number, rule: AlertRule): Promise<StoredAlertRule | null> {
      const { count } = await db.alertRule.updateMany({ where: { id, projectId }, data: columns(rule) });
      return count === 0 ? null : this.get(projectId, id);
    },

    async remove(projectId: number, id: number): Promise<boolean> {
      const { count } = await db.alertRule.deleteMany({ where: { id, projectId } });
      return count > 0;
    },
  };
}

export type AlertRulesRepo = ReturnType<typeof createAlertRulesRepo>;
