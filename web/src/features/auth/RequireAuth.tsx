import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { ErrorState, PanelSkeleton } from "../../components/ui/states";
import { TwoFactorGate } from "../two-factor/TwoFactorGate";
import { useAuth } from "./auth-context";

/** Pages behind sign-in: first run goes to set-up, everyone else to login (and back afterwards). */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { auth, refresh } = useAuth();
  const location = useLocation();
  if (auth.status === "loading") return <PanelSkeleton />;
  if (auth.status === "error") return <ErrorState error={auth.error} onRetry={() => void refresh()} />;
  if (auth.status === "anonymous") {
    if (auth.needsSetup) return <Navigate to="/setup" replace />;
    const next = location.pathname + location.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <TwoFactorGate>{children}</TwoFactorGate>;
}
