#!/usr/bin/env bash
# The plain script bench/test.mjs times `deploy-action test` against: the same work, as a user
# would write it in bash. Up postgres, wait for its healthcheck, run the migration, up the
# rest, poll both health URLs, down -v. Polls every 200 ms (a fast loop: a fair baseline).
# Usage: test-plain.sh COMPOSE_PROGRAM PROJECT FILE OVERRIDE BACKEND_URL FRONTEND_URL
set -euo pipefail
read -r -a compose <<<"$1"
project=$2
files=(-f "$3" -f "$4")
c() { "${compose[@]}" -p "$project" "${files[@]}" "$@"; }

trap 'c down -v --remove-orphans --timeout 10 >/dev/null 2>&1' EXIT
c up -d --no-build postgres
pg() { docker ps -q --filter "label=com.docker.compose.project=$project" \
  --filter label=com.docker.compose.service=postgres; }
until [ "$(docker inspect -f '{{.State.Health.Status}}' "$(pg)")" = healthy ]; do sleep 0.2; done
c run --rm --no-deps -T backend sh -c 'alembic upgrade head'
c up -d --no-build
for url in "$5" "$6"; do
  until curl -fsS -o /dev/null --max-time 2 "$url"; do sleep 0.2; done
done
trap - EXIT
c down -v --remove-orphans --timeout 10
