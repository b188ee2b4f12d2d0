#!/usr/bin/env bash
# The main job on the bundled example, from a terminal: build every image under its budget,
# run the stack with its migrations and health checks (torn down after), and print the
# deploy plan as a dry run. Needs nothing but Debian's packages (setup-docker.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
compose=examples/sigmasight/docker-compose.yml
cli() { node bin/deploy-action.js "$@" --compose-file "$compose"; }

bash scripts/setup-docker.sh
cli build
cli test
cli deploy --dry-run
