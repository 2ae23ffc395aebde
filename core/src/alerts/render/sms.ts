import type { Notification } from "../notification";
import { projectIssuesLink } from "../notification";
import { truncate, windowWords } from "./headline";

// GSM 03.38: the basic set costs one septet, the extension set two; anything else forces UCS-2.
const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED = "^{}\\[~]|€\f";

/** Characters (septets or UTF-16 units) two concatenated segments hold, by encoding. */
const TWO_SEGMENTS = { gsm: 2 * 153, ucs2: 2 * 67 } as const;

export function smsLength(text: string): { encoding: "gsm" | "ucs2"; units: number } {
  let units = 0;
  for (const char of text) {
    if (GSM_BASIC.includes(char)) units += 1;
    else if (GSM_EXTENDED.includes(char)) units += 2;
    else return { encoding: "ucs2", units: text.length };
  }
  return { encoding: "gsm", units };
}

/** Segments a message is billed as (1 up to 160 GSM / 70 UCS-2 characters). */
export function smsSegments(text: string): number {
  const { encoding, units } = smsLength(text);
  const single = encoding === "gsm" ? 160 : 70;
  const part = encoding === "gsm" ? 153 : 67;
  return units <= single ? 1 : Math.ceil(units / part);
}

/**
 * A text message that fits one or two segments: level, project, what happened and the link. The
 * title is shortened, never the link.
 */
export function renderSms(notification: Notification, publicUrl: string): string {
  const project = notification.project;
  const test = notification.kind === "test" ? "[Test] " : "";
  if (notification.kind === "digest") {
    const link = projectIssuesLink(publicUrl, project.organization, project.id);
    const n = notification.totalIssues;
    return fit(
      `${n} ${n === 1 ? "issue" : "issues"} in ${project.slug} in the last ${windowWords(notification.digestMinutes ?? 0)}`,
      ` ${link}`,
    );
  }
  const issue = notification.issues[0];
  const level = (issue?.level ?? "error").toUpperCase();
  return fit(`${test}${level} ${project.slug}: ${issue?.title ?? ""}`, ` ${issue?.permalink ?? ""}`);
}

function fit(text: string, suffix: string): string {
  let head = text;
  const limit = () => TWO_SEGMENTS[smsLength(head + suffix).encoding];
  while (head.length > 1 && smsLength(head + suffix).units > limit()) head = truncate(head, head.length - 1);
  return head + suffix;
}
