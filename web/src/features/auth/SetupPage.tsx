import { useEffect, useState } from "react";
import { Navigate, useNavigate } from "react-router";
import { apiGet, apiSend } from "../../api/client";
import { api } from "../../api/endpoints";
import type { Organization } from "../../api/types";
import { AuthCard, Field } from "./AuthCard";
import { useAuth } from "./auth-context";

/** First run: the first user (a superuser) and their organization, in one form. */
export function SetupPage() {
  const { auth, refresh } = useAuth();
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [organization, setOrganization] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // Organizations made from the command line before set-up (`create-project`): adopted, not doubled.
  const [existing, setExisting] = useState<{ slug: string; name: string }[]>([]);
  useEffect(() => {
    apiGet<{ organizations?: { slug: string; name: string }[] }>("/auth/setup/").then(
      (answer) => setExisting(answer.organizations ?? []),
      () => undefined,
    );
  }, []);
  const adopted = existing[0];
  // While the form is submitting it navigates itself (to the new organization), not to "/".
  if (auth.status === "authenticated" && !busy) return <Navigate to="/" replace />;
  if (auth.status === "anonymous" && !auth.needsSetup) return <Navigate to="/login" replace />;

  async function submit() {
    setBusy(true);
    setError(undefined);
    try {
      await api.setUp({ email, password, ...(name.trim() ? { name } : {}) });
      const org = adopted
        ? adopted
        : await apiSend<Organization>("POST", "/organizations/", { name: organization.trim() || "Default" });
      await refresh();
      // Stays busy on success: this page is leaving, and must not redirect elsewhere meanwhile.
      await navigate(`/organizations/${org.slug}/${adopted ? "projects" : "projects/new"}/`, { replace: true });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
      await refresh();
    }
  }

  return (
    <AuthCard
      title="Welcome to Faultline"
      intro={
        adopted
          ? `Create the first account. It can manage everything on this server, and owns the organization ${adopted.name} made from the command line.`
          : "Create the first account. It can manage everything on this server."
      }
      busy={busy}
      error={error}
      submitLabel="Create account"
      onSubmit={() => void submit()}
    >
      <Field label="Your name" name="name" autoComplete="name" value={name} onChange={setName} />
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
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
        required
        hint="At least 8 characters."
      />
      {adopted ? null : (
        <Field
          label="Organization"
          name="organization"
          value={organization}
          onChange={setOrganization}
          required
          hint="Your team or company; projects live in it."
        />
      )}
    </AuthCard>
  );
}
