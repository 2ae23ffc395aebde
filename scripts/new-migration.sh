#!/usr/bin/env bash
# Writes a migration from the last committed schema to the working one, offline:
#   npm run migration:new -- add_rate_limits
set -euo pipefail
name=${1:?usage: npm run migration:new -- <name>}
cd "$(dirname "$0")/.."
prev=$(mktemp --suffix=.prisma)
git show HEAD:prisma/schema.prisma > "$prev"
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_${name}"
mkdir -p "$dir"
DATABASE_URL=${DATABASE_URL:-postgresql://root@127.0.0.1:5432/faultline} \
  npx prisma migrate diff --from-schema-datamodel "$prev" --to-schema-datamodel prisma/schema.prisma --script -o "$dir/migration.sql"
rm -f "$prev"
echo "wrote $dir/migration.sql"
