import { assembleDifsBody } from "@faultline/core";
import { Router, type Request, type Response } from "express";
import type { Access } from "../access";
import { badRequest } from "../api-error";
import { requirePrincipal } from "../principal";
import { parse } from "../validate";

/** A legacy upload is read (and dropped) up to this size so the client gets the answer. */
const MAX_DISCARDED_BYTES = 256 * 1024 * 1024;

/** Shown by sentry-cli under each file it could not upload. */
export const NATIVE_DEBUG_FILES_UNSUPPORTED =
  "Faultline does not store native debug files (dSYM, PDB, ELF/DWARF, Breakpad, ProGuard, il2cpp " +
  "mappings): it symbolicates JavaScript only. Upload source maps with `sentry-cli sourcemaps upload`.";

/**
 * Native debug files are knowingly not supported. The paths sentry-cli uses for them exist so
 * it prints the reason instead of "Project not found": `difs/assemble/` (every 2.x and 3.x
 * `debug-files upload`) answers each file with state `error` and that reason before any chunk
 * is sent, so the CLI lists the files and exits with status 1; the legacy one-file upload
 * (`files/dsyms/`, sentry-cli 1.x and ProGuard uploads) answers 400 with it, and the listings
 * are empty.
 */
export function createDebugFilesRouter(deps: { access: Access }): Router {
  const { access } = deps;
  const router = Router();
  const project = (req: Request, res: Response, need: "read" | "write") =>
    access.project(requirePrincipal(res), String(req.params.org), String(req.params.project), need);

  router.post("/projects/:org/:project/files/difs/assemble/", async (req, res) => {
    await project(req, res, "write");
    const files = parse(assembleDifsBody, req.body);
    res.json(
      Object.fromEntries(
        Object.keys(files).map((checksum) => [
          checksum,
          { state: "error", missingChunks: [], detail: NATIVE_DEBUG_FILES_UNSUPPORTED, dif: null },
        ]),
      ),
    );
  });

  router.get("/projects/:org/:project/files/dsyms/", async (req, res) => {
    await project(req, res, "read");
    res.json([]);
  });

  // The legacy upload asks which checksums the server lacks first: all of them.
  router.get("/projects/:org/:project/files/dsyms/unknown/", async (req, res) => {
    await project(req, res, "read");
    const asked = req.query.checksums;
    const checksums = (Array.isArray(asked) ? asked : [asked]).filter(
      (value): value is string => typeof value === "string",
    );
    res.json({ missing: checksums });
  });

  router.post("/projects/:org/:project/files/dsyms/", async (req, res) => {
    await project(req, res, "write");
    // The upload itself is not kept: its body is discarded as it arrives, so the client
    // finishes sending and reads the answer. Past MAX_DISCARDED_BYTES the connection is cut.
    let discarded = 0;
    req.on("data", (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > MAX_DISCARDED_BYTES) req.destroy();
    });
    await new Promise<void>((resolve) => {
      if (req.readableEnded) return resolve();
      req
        .once("end", resolve)
        .once("error", () => resolve())
        .once("close", () => resolve());
    });
    throw badRequest(NATIVE_DEBUG_FILES_UNSUPPORTED);
  });

  return router;
}
