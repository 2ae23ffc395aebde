import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { api } from "../../api/endpoints";
import type { User } from "../../api/types";

export type AuthState =
  | { status: "loading" }
  | { status: "error"; error: Error }
  | { status: "anonymous"; needsSetup: boolean }
  | { status: "authenticated"; user: User };

interface AuthContextValue {
  auth: AuthState;
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/** Who is signed in (GET /api/0/), and whether this install still needs its first user. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [auth, setAuth] = useState<AuthState>({ status: "loading" });
  const refresh = useCallback(async () => {
    try {
      const root = await api.root();
      if (root.user) setAuth({ status: "authenticated", user: root.user });
      else setAuth({ status: "anonymous", needsSetup: (await api.needsSetup()).needsSetup });
    } catch (error) {
      setAuth({ status: "error", error: error instanceof Error ? error : new Error(String(error)) });
    }
  }, []);
  const logout = useCallback(async () => {
    await api.logout();
    setAuth({ status: "anonymous", needsSetup: false });
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return <AuthContext.Provider value={{ auth, refresh, logout }}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error("useAuth outside AuthProvider");
  return value;
}
