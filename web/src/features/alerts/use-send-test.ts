import { useState } from "react";
import { api } from "../../api/endpoints";
import { errorText } from "./use-alerts-project";

export interface SendTestResult {
  ok: boolean;
  text: string;
}

/** "Send test": one test message through every action of the rule, about the latest issue. */
export function useSendTest(apiBase: string, ruleId: string, onSent: () => void) {
  const [result, setResult] = useState<SendTestResult>();
  const [sending, setSending] = useState(false);

  async function send() {
    setSending(true);
    setResult(undefined);
    try {
      const { deliveries } = await api.testAlertRule(apiBase, ruleId);
      const where = deliveries.map((d) => `${d.channel} → ${d.target}`).join(", ");
      const count = `${deliveries.length} message${deliveries.length === 1 ? "" : "s"}`;
      setResult({ ok: true, text: `Test queued: ${count} (${where}). The delivery log below shows how it went.` });
      onSent();
    } catch (failure) {
      setResult({ ok: false, text: errorText(failure) });
    } finally {
      setSending(false);
    }
  }

  return { send, sending, result };
}
