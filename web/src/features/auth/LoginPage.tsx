import { useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { api } from "../../api/endpoints";
import { AuthCard, Field } from "./AuthCard";
import { useAuth } from "./auth-context";

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
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (auth.status === "authenticated") return <Navigate to={safeNext(params.get("next"))} replace />;
  if (auth.status === "anonymous" && auth.needsSetup) return <Navigate to="/setup" replace />;

  async function submit() {
    setBusy(true);
    setError(undefined);
    try {
      await api.login({ email, password });
      await refresh();
      await navigate(safeNext(params.get("next")), { replace: true });
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
    </AuthCard>
  );
}
