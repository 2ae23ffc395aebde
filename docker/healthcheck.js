// The image's HEALTHCHECK. Docker runs it as a process of its own, so it never sees variables
// the entrypoint exports: the role comes from the container's environment (compose sets
// FAULTLINE_ROLE). The server (and "all") answers on PORT, the worker on WORKER_HEALTH_PORT;
// with no role set it accepts whichever answers, so `docker run faultline worker` is checked too.
"use strict";
const env = process.env;
const server = env.PORT || "8000";
const worker = env.WORKER_HEALTH_PORT || "8001";
const ports = env.FAULTLINE_ROLE === "worker" ? [worker] : env.FAULTLINE_ROLE ? [server] : [server, worker];

async function answers(port) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/_health/`, { signal: AbortSignal.timeout(4000) });
    return res.ok;
  } catch {
    return false;
  }
}

(async () => {
  for (const port of ports) if (await answers(port)) process.exit(0);
  process.exit(1);
})();
