import { useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { apiGet, apiSend } from "../../api/client";
import { ErrorState, PanelSkeleton } from "../../components/ui/states";
import { AuthCard, Field } from "./AuthCard";
import { useAuth } from "./auth-context";

interface Invitation {
  organization: { slug: string; name: string };
  email: string;
  orgRole: string;
  existingAccount: boolean;
  signedInAs: string | null;
}

/**
 * What an invitation email's link opens: signed in, a button to join; signed out, the form
 * that creates the invited account (or a way to sign in first, when it exists). Then the
 * organization's issues.
 */
export function AcceptInvitePage() {
  const { memberId = "", token = "" } = useParams();
  const { auth, refresh } = useAuth();
  const navigate = useNavigate();
  const [invitation, setInvitation] = useState<Invitation>();
  const [loadError, setLoadError] = useState<Error>();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const path = `/accept-invite/${encodeURIComponent(memberId)}/${encodeURIComponent(token)}/`;
  const signedIn = auth.status === "authenticated";

  useEffect(() => {
    apiGet<Invitation>(path).then(setInvitation, (failure: unknown) =>
      setLoadError(failure instanceof Error ? failure : new Error(String(failure))),
    );
    // Signing in elsewhere changes what the page offers.
  }, [path, signedIn]);

  if (loadError)
    return (
      <main className="auth-page">
        <div className="auth-card panel">
          <div className="brand brand-large">Faultline</div>
          <h1>Invitation</h1>
          <ErrorState error={loadError} />
          <Link to="/login">Sign in</Link>
        </div>
      </main>
    );
  if (!invitation || auth.status === "loading") return <PanelSkeleton />;

  async function accept(body: object) {
    setBusy(true);
    setError(undefined);
    try {
      const done = await apiSend<{ organization: { slug: string } }>("POST", path, body);
      await refresh();
      await navigate(`/organizations/${done.organization.slug}/issues/`, { replace: true });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  }

  const title = `Join ${invitation.organization.name}`;
  const role = `as ${invitation.orgRole}`;
  if (signedIn)
    return (
      <AuthCard
        title={title}
        intro={`You are signed in as ${auth.user.email}. Accept to join ${invitation.organization.name} ${role}.`}
        busy={busy}
        error={error}
        submitLabel="Accept invitation"
        onSubmit={() => void accept({})}
      >
        {null}
      </AuthCard>
    );
  if (invitation.existingAccount)
    return (
      <main className="auth-page">
        <div className="auth-card panel">
          <div className="brand brand-large">Faultline</div>
          <h1>{title}</h1>
          <p className="muted">
            {invitation.email} already has an account. Sign in, and this page opens again to accept the invitation.
          </p>
          <Link
            className="btn btn-primary btn-block"
            to={`/login?next=${encodeURIComponent(`/accept/${memberId}/${token}/`)}`}
          >
            Sign in to accept
          </Link>
        </div>
      </main>
    );
  return (
    <AuthCard
      title={title}
      intro={`Create your account for ${invitation.email} to join ${role}.`}
      busy={busy}
      error={error}
      submitLabel="Create account and join"
      onSubmit={() => void accept({ name, password })}
    >
      <Field label="Email" name="email" type="email" value={invitation.email} onChange={() => undefined} />
      <Field label="Your name" name="name" autoComplete="name" value={name} onChange={setName} required />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
        required
        hint="At least 8 characters, not a common password."
      />
    </AuthCard>
  );
}
