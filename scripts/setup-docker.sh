#!/usr/bin/env bash
# Prepare a Debian machine to build/test/deploy docker compose stacks without any
# image registry: install the engine + compose v1 and the buildx and compose v2 CLI plugins,
# start dockerd, and create the base images the examples need (debian:bookworm-slim,
# postgres:15) from Debian's apt repositories instead of Docker Hub. Idempotent: every step
# is skipped when already done. Must run as root.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TMP=${TMPDIR:-/tmp}
CACHE=${DEPLOY_ACTION_CACHE:-$HOME/.cache/deploy-action}/base-images
LOG_DIR=$TMP/deploy-action-setup
mkdir -p "$LOG_DIR" "$CACHE"

say() { printf '[setup-docker] %s\n' "$*"; }
die() { printf '[setup-docker] ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "this script must run as root (it installs packages and starts dockerd)."

# --- 1. packages ------------------------------------------------------------
# Only what is missing: a GitHub runner already has Docker (moby) and compose v2, and
# Debian's docker.io would conflict with it.
packages=()
command -v dockerd >/dev/null 2>&1 || packages+=(docker.io)
command -v docker-compose >/dev/null 2>&1 || docker compose version >/dev/null 2>&1 || packages+=(docker-compose)
command -v debootstrap >/dev/null 2>&1 || packages+=(debootstrap)
command -v docker-registry >/dev/null 2>&1 || packages+=(docker-registry)
if [ "${#packages[@]}" -gt 0 ]; then
  say "installing Debian packages: ${packages[*]} (log: $LOG_DIR/apt.log)"
  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y "${packages[@]}"; } \
    >"$LOG_DIR/apt.log" 2>&1 || die "apt-get failed; see $LOG_DIR/apt.log."
else
  say "packages: already installed"
fi

# --- 2. docker engine ---------------------------------------------------------
if docker info >/dev/null 2>&1; then
  say "dockerd: already running"
else
  # No systemd on CI containers/minimal hosts, so start the daemon directly.
  say "dockerd: starting (log: $LOG_DIR/dockerd.log)"
  nohup dockerd >"$LOG_DIR/dockerd.log" 2>&1 &
  for _ in $(seq 60); do
    [ -S /var/run/docker.sock ] && docker info >/dev/null 2>&1 && break
    sleep 1
  done
  docker info >/dev/null 2>&1 || die "dockerd did not become ready within 60 s; see $LOG_DIR/dockerd.log."
fi

# --- helpers for the base images -------------------------------------------
# First URI of an enabled apt source (one-line *.list or deb822 *.sources) for suite $1.
apt_mirror() {
  local suite=$1 f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -r "$f" ] || continue
    case $f in
      *.sources) awk -v s="$suite" 'BEGIN { RS = "" }
          $0 ~ ("(^|\n)Suites:[^\n]*[ \t]" s "([ \t]|\n|$)") && $0 !~ /(^|\n)Enabled:[ \t]*no/ {
            if (match($0, /(^|\n)URIs:[ \t]*[^ \t\n]+/)) { u = substr($0, RSTART, RLENGTH); sub(/^\n?URIs:[ \t]*/, "", u); print u } }' "$f" ;;
      *) awk -v s="$suite" '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i == s) {
            for (j = 2; j < i; j++) if ($j ~ /^[a-z+]+:\/\//) { print $j; next } } }' "$f" ;;
    esac
  done | sed 's:/*$::' | head -n1
}

# --- 2b. buildx and compose v2 CLI plugins ----------------------------------
# GitHub's runners build with BuildKit and run compose v2; bookworm has neither, so take the
# plugins from trixie's docker-buildx (0.13) and docker-compose (2.26) packages. Nothing is
# installed through apt (the system is not upgraded, bookworm's docker-compose v1 stays
# /usr/bin/docker-compose): the .debs are downloaded with a private sources list and lists dir,
# and only the two plugin binaries are copied out of them. The .debs are cached.
PLUGINS=${DOCKER_CONFIG:-$HOME/.docker}/cli-plugins
PLUGIN_CACHE=${DEPLOY_ACTION_CACHE:-$HOME/.cache/deploy-action}/cli-plugins
install_plugins() {
  local mirror apt_dir deb name
  mirror=$(apt_mirror bookworm); mirror=${mirror:-http://deb.debian.org/debian}
  mkdir -p "$PLUGINS" "$PLUGIN_CACHE"
  if ! ls "$PLUGIN_CACHE"/docker-buildx_*.deb "$PLUGIN_CACHE"/docker-compose_*.deb >/dev/null 2>&1; then
    apt_dir=$(mktemp -d "$TMP/trixie-apt.XXXXXX")
    mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
    echo "deb $mirror trixie main" >"$apt_dir/trixie.list"
    local opts=(-o "Dir::Etc::sourcelist=$apt_dir/trixie.list" -o Dir::Etc::sourceparts=-
      -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
      -o APT::Get::List-Cleanup=0 -o APT::Sandbox::User=root)
    say "cli plugins: downloading trixie's docker-buildx, docker-compose (log: $LOG_DIR/plugins.log)"
    { apt-get "${opts[@]}" update \
      && ( cd "$PLUGIN_CACHE" && apt-get "${opts[@]}" download docker-buildx docker-compose ); } \
      >"$LOG_DIR/plugins.log" 2>&1 || { rm -rf "$apt_dir"; die "downloading the plugins failed; see $LOG_DIR/plugins.log."; }
    rm -rf "$apt_dir"
  fi
  for name in docker-buildx docker-compose; do
    deb=$(ls "$PLUGIN_CACHE"/"$name"_*.deb | tail -n1)
    apt_dir=$(mktemp -d "$TMP/plugin-deb.XXXXXX")
    dpkg-deb -x "$deb" "$apt_dir" || die "cannot unpack $deb."
    install -m 755 "$apt_dir/usr/libexec/docker/cli-plugins/$name" "$PLUGINS/$name"
    rm -rf "$apt_dir"
  done
}
if docker buildx version >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  say "cli plugins: buildx and compose v2 already present"
else
  install_plugins
  docker buildx version >/dev/null 2>&1 && docker compose version >/dev/null 2>&1 \
    || die "the buildx/compose plugins in $PLUGINS do not run; see $LOG_DIR/plugins.log."
  say "cli plugins: $(docker buildx version | cut -d' ' -f1,2), $(docker compose version --short) in $PLUGINS"
fi

ROOTFS=
trap '[ -z "$ROOTFS" ] || rm -rf "$ROOTFS"' EXIT  # never leave a half-built rootfs behind
build_debian() {
  local mirror security rootfs
  mirror=$(apt_mirror bookworm); mirror=${mirror:-http://deb.debian.org/debian}
  security=$(apt_mirror bookworm-security)
  rootfs=$(mktemp -d "$TMP/bookworm-rootfs.XXXXXX"); ROOTFS=$rootfs
  say "debian:bookworm-slim: debootstrap from $mirror (log: $LOG_DIR/debootstrap.log)"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$LOG_DIR/debootstrap.log" 2>&1 \
    || die "debootstrap failed; see $LOG_DIR/debootstrap.log."
  # apt sources for builds inside the image (the same mirrors the host uses).
  {
    echo "deb $mirror bookworm main"
    echo "deb $mirror bookworm-updates main"
    [ -z "$security" ] || echo "deb $security bookworm-security main"
  } >"$rootfs/etc/apt/sources.list"
  # Snapshot mirrors serve expired Release files; follow the host's choice.
  if apt-config dump | grep -q '^Acquire::Check-Valid-Until "false"'; then
    echo 'Acquire::Check-Valid-Until "false";' >"$rootfs/etc/apt/apt.conf.d/99check-valid-until"
  fi
  # What the official slim image does: no services started by postinst scripts,
  # no downloaded .debs/indexes left behind, no docs/man pages/translations installed.
  printf '#!/bin/sh\nexit 101\n' >"$rootfs/usr/sbin/policy-rc.d" && chmod 755 "$rootfs/usr/sbin/policy-rc.d"
  cat >"$rootfs/etc/apt/apt.conf.d/docker-clean" <<'CONF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache ""; Dir::Cache::srcpkgcache "";
Acquire::Languages "none";
CONF
  printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-include /usr/share/doc/*/copyright' \
    'path-exclude /usr/share/man/*' 'path-exclude /usr/share/info/*' 'path-exclude /usr/share/locale/*' \
    'path-include /usr/share/locale/locale.alias' >"$rootfs/etc/dpkg/dpkg.cfg.d/docker-slim"
  ( cd "$rootfs" && rm -rf var/lib/apt/lists/* var/cache/apt/*.bin var/cache/apt/archives/*.deb \
      usr/share/man/* usr/share/info/* etc/resolv.conf etc/hostname \
    && find usr/share/doc -type f ! -name copyright -delete && find var/log -type f -delete \
    && find usr/share/locale -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} + \
    && : >etc/machine-id )
  tar -C "$rootfs" -c . | docker import \
    --change 'CMD ["bash"]' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    - debian:bookworm-slim >/dev/null
  rm -rf "$rootfs"; ROOTFS=
}

# The stand-in's recipe hash: a changed Dockerfile or entrypoint makes a new image and tarball.
PG_RECIPE=$(cat "$SCRIPT_DIR"/base-images/postgres/* | sha256sum | cut -c1-12)
build_postgres() {
  say "postgres:15: building stand-in from Debian's postgresql-15 (log: $LOG_DIR/postgres-build.log)"
  docker build --label "deploy-action.recipe=$PG_RECIPE" -t postgres:15 \
    "$SCRIPT_DIR/base-images/postgres" >"$LOG_DIR/postgres-build.log" 2>&1 \
    || die "building postgres:15 failed; see $LOG_DIR/postgres-build.log."
}

# Ensure $1 exists: keep it, else load the cached tarball $2, else build with $3 and cache it.
# With a recipe hash $4, an image or tarball made from another recipe does not count.
ensure_image() {
  local image=$1 tar=$CACHE/$2 build=$3 recipe=${4:-}
  local label='{{index .Config.Labels "deploy-action.recipe"}}'
  if docker image inspect "$image" >/dev/null 2>&1 \
      && [ "$(docker image inspect -f "$label" "$image" | sed 's/<no value>//')" = "$recipe" ]; then
    say "$image: already present"
  elif [ -s "$tar" ]; then
    say "$image: loading cached $tar"
    docker load -q -i "$tar" >/dev/null
  else
    "$build"
    docker save -o "$tar.tmp" "$image" && mv "$tar.tmp" "$tar"
    say "$image: built and cached in $tar"
  fi
}

# --- 3./4. base images (Docker Hub is not reachable) -------------------------
ensure_image debian:bookworm-slim debian-bookworm-slim.tar build_debian
ensure_image postgres:15 "postgres-15-$PG_RECIPE.tar" build_postgres "$PG_RECIPE"

# --- 5. optional local registry ----------------------------------------------
# Answers 0 when GET /v2/ on 127.0.0.1:5000 returns 200 (bash /dev/tcp: curl may be absent).
registry_up() {
  local status=
  exec 3<>/dev/tcp/127.0.0.1/5000 || return 1
  printf 'GET /v2/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  read -r -t 5 _ status _ <&3 || true
  exec 3>&-
  [ "$status" = 200 ]
}
if [ "${DEPLOY_ACTION_REGISTRY:-}" = 1 ]; then
  if registry_up 2>/dev/null; then
    say "registry: already answering on 127.0.0.1:5000"
  else
    dir=$(mktemp -d "$TMP/deploy-action-registry.XXXXXX")
    printf 'version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: %s/data\nhttp:\n  addr: 127.0.0.1:5000\n' \
      "$dir" >"$dir/config.yml"
    say "registry: starting on 127.0.0.1:5000 (storage: $dir/data, log: $dir/registry.log)"
    nohup docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
    for _ in $(seq 30); do registry_up 2>/dev/null && break; sleep 1; done
    registry_up 2>/dev/null || die "docker-registry did not answer on 127.0.0.1:5000 within 30 s; see $dir/registry.log."
  fi
fi
say "done"
