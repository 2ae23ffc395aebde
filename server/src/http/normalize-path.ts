import type { NextFunction, Request, Response } from "express";

/** DSNs with a trailing slash make SDKs request `//api/...`; Relay collapses the slashes too. */
export function collapseSlashes(req: Request, _res: Response, next: NextFunction): void {
  if (req.url.includes("//")) {
    const query = req.url.indexOf("?");
    const path = query === -1 ? req.url : req.url.slice(0, query);
    req.url = path.replace(/\/{2,}/g, "/") + (query === -1 ? "" : req.url.slice(query));
  }
  next();
}
