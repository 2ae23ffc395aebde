// The alert-rule contract lives with the alerting code (core/src/alerts); re-exported here so the
// dashboard builds its request bodies from the very types the API parses.
export type { AlertAction, AlertFilter, AlertRule, AlertTrigger } from "../alerts/rule-schema";
