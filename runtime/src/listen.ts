import { ConfigError } from "@faultline/core";
import type { Server } from "node:net";

/**
 * A port the process cannot open. It is a setting's fault (another process holds the port, or
 * it needs privileges), so it is reported as one: naming the variable, with no stack trace.
 */
export class PortUnavailableError extends ConfigError {}

/** Why `setting`=`port` cannot be opened, for the errors listen() fails with; null for any other. */
export function portProblem(setting: string, port: number, error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === "EADDRINUSE")
    return `${setting}=${port} is already in use by another process; set ${setting} to a free port`;
  if (code === "EACCES")
    return `${setting}=${port} needs privileges this process does not have; set ${setting} to a port above 1023`;
  return null;
}

/** Listens on `port`; a port that cannot be opened fails with a PortUnavailableError naming `setting`. */
export function listenOn<S extends Server>(server: S, port: number, setting: string): Promise<S> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      const problem = portProblem(setting, port, error);
      reject(problem ? new PortUnavailableError(problem, { cause: error }) : error);
    };
    server.once("error", onError);
    server.listen(port, () => {
      server.off("error", onError);
      resolve(server);
    });
  });
}
