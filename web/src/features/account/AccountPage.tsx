import type { ComponentType } from "react";
import { TokensPanel } from "../settings/TokensPanel";
import { TwoFactorSection } from "../two-factor/TwoFactorSection";
import { PasswordSection } from "./PasswordSection";
import { ProfileSection } from "./ProfileSection";
import { SubscriptionsSection } from "../subscriptions/SubscriptionsSection";
import { SessionsSection } from "./SessionsSection";

/**
 * The account page's sections, top to bottom. Each is a self-contained panel with its own
 * data and forms; a new part of the account (a second factor, email subscriptions) is one
 * more entry here.
 */
export const ACCOUNT_SECTIONS: { id: string; Section: ComponentType }[] = [
  { id: "profile", Section: ProfileSection },
  { id: "password", Section: PasswordSection },
  { id: "two-factor", Section: TwoFactorSection },
  { id: "sessions", Section: SessionsSection },
  { id: "subscriptions", Section: SubscriptionsSection },
  { id: "api-tokens", Section: TokensPanel },
];

/** What belongs to the signed-in person rather than to an organization. */
export function AccountPage() {
  return (
    <section className="page account-page">
      <div className="page-head">
        <h1>Account</h1>
      </div>
      {ACCOUNT_SECTIONS.map(({ id, Section }) => (
        <div key={id} id={id}>
          <Section />
        </div>
      ))}
    </section>
  );
}
