import { useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { api } from "../../api/endpoints";
import { TwoFactorLoginStep } from "../two-factor/TwoFactorLoginStep";
import { AuthCard, Field } from "./AuthCard";
import { useAuth } from "./auth-context";
import { SsoButton } from "./SsoButton";

/** Only same-site paths are followed after login, never another origin. */
function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function LoginPage() {
  const { auth, refresh } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  // Single sign-on comes back here with an error, or with a sign-in waiting for its code.
  const [error, setError] = useState<string | undefined>(params.get("ssoError") ?? undefined);
  const [busy, setBusy] = useState(false);
  const [pendingLogin, setPendingLogin] = useState(params.get("twoFactor"));
  if (auth.status === "authenticated") return <Navigate to={safeNext(params.get("next"))} replace />;
  if (auth.status === "anonymous" && auth.needsSetup) return <Navigate to="/setup" replace />;

  async function signedIn() {
    await refresh();
    await navigate(safeNext(params.get("next")), { replace: true });
  }

  if (pendingLogin) return <TwoFactorLoginStep pendingLogin={pendingLogin} onSignedIn={() => void signedIn()} />;

  async function submit() {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api.login({ email, password });
      if ("twoFactorRequired" in answer) {
        setPendingLogin(answer.pendingLogin);
        return;
      }
      await signedIn();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard title="Sign in" busy={busy} error={error} submitLabel="Sign in" onSubmit={() => void submit()}>
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        value={email}
        onChange={setEmail}
        required
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        required
      />
      <Link className="small" to="/forgot-password/">
        Forgot your password?
      </Link>
      <SsoButton next={safeNext(params.get("next"))} />
    </AuthCard>
  );
}
