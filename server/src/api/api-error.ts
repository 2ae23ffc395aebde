/**
 * The one error the API's services throw. The router's error handler turns it into
 * `{"detail": "..."}` with the status; services never touch the response.
 *
 * 401: no or bad credentials. 403: known caller, not allowed. 404: does not exist *or* the caller
 * may not know it exists (another organization's ids answer exactly like unknown ids).
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export const badRequest = (detail: string) => new ApiError(400, detail);
export const unauthorized = (detail = "Authentication credentials were not provided.") => new ApiError(401, detail);
export const forbidden = (detail = "You do not have permission to perform this action.") => new ApiError(403, detail);
export const notFound = (what = "The requested resource does not exist") => new ApiError(404, what);
export const conflict = (detail: string) => new ApiError(409, detail);
