import { useEffect } from "react";

const EVENT = "faultline:organizations-changed";

/** Tells the top bar that an organization was created, renamed or deleted (its switcher reloads). */
export function announceOrganizationsChanged(): void {
  window.dispatchEvent(new Event(EVENT));
}

/** Runs `reload` whenever a page announces a change to the user's organizations. */
export function useOrganizationsChanged(reload: () => void): void {
  useEffect(() => {
    window.addEventListener(EVENT, reload);
    return () => window.removeEventListener(EVENT, reload);
  }, [reload]);
}
