import { createDsnAdoptionRepo, createMembersRepo, DsnConflictError, DsnRaceError, type Database } from "@faultline/db";
import type { KeyChangeNotifier } from "../../ingest/key-changes";
import { conflict } from "../api-error";
import type { Principal } from "../principal";

export interface KeyAdoption {
  publicKey: string;
  secretKey: string | null;
  dsnProjectId: number;
  label: string;
  rateLimit: { window: number; count: number } | null;
}

/**
 * Adds a DSN from another install to a project: same public key, same project id. A key or id
 * already in use is a 409 that names the project holding it only when the caller can see that
 * project's organization (other organizations' slugs are not given away).
 */
export function createKeyAdoptionService(deps: { db: Database; keyChanges: KeyChangeNotifier }) {
  const adoptions = createDsnAdoptionRepo(deps.db);
  const members = createMembersRepo(deps.db);

  async function conflictFor(principal: Principal, error: DsnConflictError) {
    const visible = (await members.findAccess(error.owner.organizationSlug, principal.user)) !== null;
    const what = error.what === "publicKey" ? "This public key" : `Project id ${error.value}`;
    return conflict(
      visible
        ? `${what} is already used by project ${error.owner.organizationSlug}/${error.owner.projectSlug}.`
        : `${what} is already used by another project.`,
    );
  }

  return {
    async adopt(principal: Principal, project: { id: number }, input: KeyAdoption) {
      const key = await adoptions
        .adopt(
          project.id,
          { publicKey: input.publicKey, secretKey: input.secretKey, dsnProjectId: input.dsnProjectId },
          { label: input.label, rateLimit: input.rateLimit },
        )
        .catch(async (error: unknown) => {
          if (error instanceof DsnConflictError) throw await conflictFor(principal, error);
          if (error instanceof DsnRaceError)
            throw conflict("This public key or project id is already used by another project.");
          throw error;
        });
      // The key may be cached as unknown, and the project's other keys without the new id.
      await deps.keyChanges({ publicKeys: [key.publicKey] });
      await deps.keyChanges({ projectId: project.id });
      return key;
    },

    /** Deletes a key; the project's other keys stop answering on an adopted id it alone carried. */
    async remove(key: { id: number; projectId: number; publicKey: string; dsnProjectId: bigint | null }) {
      const released = await adoptions.removeKey(key);
      await deps.keyChanges({ publicKeys: [key.publicKey] });
      if (released !== null) await deps.keyChanges({ projectId: key.projectId });
      return released;
    },
  };
}
