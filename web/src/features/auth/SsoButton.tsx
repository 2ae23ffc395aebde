import { buildUrl } from "../../api/client";
import { useApi } from "../../api/use-api";

/** "Sign in with <label>" when the server has single sign-on (OIDC_*) configured. */
export function SsoButton({ next }: { next: string }) {
  const sso = useApi<{ enabled: boolean; buttonLabel: string | null }>("/auth/oidc/");
  if (!sso.data?.enabled) return null;
  // A full page load: the browser goes to the identity provider and comes back to the API.
  return (
    <a className="btn btn-block" href={buildUrl("/auth/oidc/login/", { next })}>
      Sign in with {sso.data.buttonLabel}
    </a>
  );
}
