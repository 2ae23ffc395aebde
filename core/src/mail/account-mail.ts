/**
 * Plain-text and HTML bodies for emails to people (invitations, password resets, workflow
 * emails): a few paragraphs and at most one button. Every string is treated as user-supplied
 * and escaped in the HTML, so an organization or person named `<script>` shows as text.
 */
export interface AccountMailContent {
  subject: string;
  /** Paragraphs of plain text, in order. */
  paragraphs: string[];
  /** The one thing to do, shown as a button (HTML) and as the bare URL (text). */
  action?: { label: string; url: string };
  /** Small print under the action, e.g. when a link expires or why the mail was sent. */
  footer?: string[];
}

export interface RenderedAccountMail {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

// Mail clients break lines at CR/LF: a header value must stay one line.
const oneLine = (text: string) => text.replace(/[\r\n]+/g, " ").trim();

export function renderAccountMail(content: AccountMailContent): RenderedAccountMail {
  const textParts = [...content.paragraphs];
  if (content.action) textParts.push(`${content.action.label}: ${content.action.url}`);
  if (content.footer?.length) textParts.push(content.footer.join("\n"));

  const paragraph = (text: string) => `<p style="margin:0 0 16px">${escapeHtml(text)}</p>`;
  const button = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="background:#4f46e5;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(content.action.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:13px;color:#555">Or open this link: ${escapeHtml(content.action.url)}</p>`
    : "";
  const footer = content.footer?.length
    ? `<p style="margin:24px 0 0;font-size:12px;color:#777">${content.footer.map(escapeHtml).join("<br>")}</p>`
    : "";
  const html =
    `<!doctype html><html><body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:15px;color:#222;max-width:560px;margin:0 auto;padding:24px">` +
    content.paragraphs.map(paragraph).join("") +
    button +
    footer +
    `</body></html>`;
  return { subject: oneLine(content.subject), text: textParts.join("\n\n") + "\n", html };
}
