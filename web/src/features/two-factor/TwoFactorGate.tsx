import type { ReactNode } from "react";
import { useLocation } from "react-router";
import { useApi } from "../../api/use-api";
import type { Organization, User } from "../../api/types";
import { useAuth } from "../auth/auth-context";
import { EnrolTwoFactor } from "./EnrolTwoFactor";

/** Sentry's fields on the user and organization answers that this gate reads. */
type UserWithTwoFactor = User & { has2fa?: boolean };
type OrganizationWithRequirement = Organization & { require2FA?: boolean };

/**
 * An organization with require2FA answers 403 to a member signed in without two-factor
 * authentication; rather than a page of errors, such a member gets the enrolment form, and the
 * organization's pages once it is on.
 */
export function TwoFactorGate({ children }: { children: ReactNode }) {
  const { auth, refresh, logout } = useAuth();
  const location = useLocation();
  const slug = /^\/organizations\/([^/]+)/.exec(location.pathname)?.[1];
  const user = auth.status === "authenticated" ? (auth.user as UserWithTwoFactor) : undefined;
  const mayBeBlocked = user !== undefined && user.has2fa !== true && slug !== undefined;
  const organizations = useApi<OrganizationWithRequirement[]>(mayBeBlocked ? "/organizations/" : null);
  const organization = mayBeBlocked
    ? organizations.data?.find((org) => org.slug === decodeURIComponent(slug))
    : undefined;
  if (!organization?.require2FA) return <>{children}</>;
  return (
    <main className="page">
      <section className="panel">
        <h1>Two-factor authentication required</h1>
        <p>
          {organization.name} requires two-factor authentication of its members. Set it up to continue; API tokens are
          not affected.
        </p>
        <EnrolTwoFactor onEnabled={() => void refresh()} />
        <p>
          <button type="button" className="btn btn-small" onClick={() => void logout()}>
            Sign out
          </button>
        </p>
      </section>
    </main>
  );
}
