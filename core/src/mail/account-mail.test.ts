import { accountMailJobSchema } from "../contracts/account-mail-job";
import { renderAccountMail } from "./account-mail";

describe("renderAccountMail", () => {
  it("escapes every string in the HTML and keeps the text as written", () => {
    const mail = renderAccountMail({
      subject: "Join <Acme & Co>\r\nBcc: someone@example.com",
      paragraphs: [`Ana "<script>alert(1)</script>" invited you.`],
      action: { label: "Accept <now>", url: 'https://faultline.example.com/accept/?t=a&b="c"' },
      footer: ["Expires in 7 days <b>"],
    });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(mail.html).toContain('href="https://faultline.example.com/accept/?t=a&amp;b=&quot;c&quot;"');
    expect(mail.html).toContain("Accept &lt;now&gt;");
    expect(mail.html).toContain("Expires in 7 days &lt;b&gt;");
    expect(mail.text).toContain(`Ana "<script>alert(1)</script>" invited you.`);
    expect(mail.text).toContain('Accept <now>: https://faultline.example.com/accept/?t=a&b="c"');
    expect(mail.subject).toBe("Join <Acme & Co> Bcc: someone@example.com");
  });

  it("renders what the job schema accepts", () => {
    const mail = renderAccountMail({ subject: "Reset", paragraphs: ["Hello"] });
    expect(accountMailJobSchema.safeParse({ to: "ana@example.com", ...mail }).success).toBe(true);
  });
});
