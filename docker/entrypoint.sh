#!/bin/sh
# Applies pending migrations, then starts the requested process. Several replicas starting at
# once are safe: `prisma migrate deploy` holds a PostgreSQL advisory lock, so one migrates and
# the others wait, then find nothing left to do.
set -e
role=${1:-server}
case "$role" in
  server) node server/dist/cli/main.js migrate; exec node server/dist/main.js ;;
  worker) node server/dist/cli/main.js migrate; exec node worker/dist/main.js ;;
  all) node server/dist/cli/main.js migrate; exec node server/dist/all-in-one.js ;;
  *) exec node server/dist/cli/main.js "$@" ;;
esac
