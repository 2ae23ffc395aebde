import { renderAccountMail, type RenderedAccountMail } from "@faultline/core";

/** The invitation email: who asks, to which organization, the link and when it stops working. */
export function invitationMail(input: {
  organizationName: string;
  inviterName: string;
  role: string;
  link: string;
  expiresAt: Date;
}): RenderedAccountMail {
  return renderAccountMail({
    subject: `Join ${input.organizationName} on Faultline`,
    paragraphs: [
      `${input.inviterName} invited you to join ${input.organizationName} on Faultline as ${input.role === "admin" || input.role === "owner" ? "an" : "a"} ${input.role}.`,
      "Faultline collects the errors of the organization's applications and groups them into issues.",
    ],
    action: { label: "Accept the invitation", url: input.link },
    footer: [
      `The link works once and until ${input.expiresAt.toUTCString()}.`,
      "If you did not expect this invitation, ignore this email.",
    ],
  });
}

/** The password reset email. */
export function passwordResetMail(input: { link: string; expiresAt: Date }): RenderedAccountMail {
  return renderAccountMail({
    subject: "Reset your Faultline password",
    paragraphs: ["Someone, hopefully you, asked to reset the password of your Faultline account."],
    action: { label: "Choose a new password", url: input.link },
    footer: [
      `The link works once and until ${input.expiresAt.toUTCString()}.`,
      "If you did not ask for this, ignore this email: your password stays as it is.",
    ],
  });
}
