import { createContext, useContext } from "react";
import type { OrganizationDetail } from "../../api/types";

export interface OrgContextValue {
  org: OrganizationDetail;
  reloadOrg: () => void;
}

export const OrgContext = createContext<OrgContextValue | null>(null);

/** The organization in the URL, with its projects (loaded once by the layout). */
export function useOrg(): OrgContextValue {
  const value = useContext(OrgContext);
  if (!value) throw new Error("useOrg outside an organization route");
  return value;
}
