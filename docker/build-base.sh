#!/usr/bin/env bash
# Makes the base image every chat-topics image starts from, with no container registry: a minimal Debian bookworm
# root file system from debootstrap, imported as `chat-topics-base:bookworm`. Needs root, debootstrap and a Debian
# mirror (DEBIAN_MIRROR, default deb.debian.org). About 2 minutes; skipped when the image exists (FORCE=1 rebuilds).
# EXTRA_PACKAGES (comma-separated) adds Debian packages: the Redis and PostgreSQL of docker/compose.cluster.yml are this
# base with redis-server (BASE_IMAGE=chat-topics-redis:bookworm EXTRA_PACKAGES=redis-server docker/build-base.sh) and
# with postgresql-15 (BASE_IMAGE=chat-topics-postgres:bookworm EXTRA_PACKAGES=postgresql-15 docker/build-base.sh).
set -euo pipefail
IMAGE="${BASE_IMAGE:-chat-topics-base:bookworm}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
ENGINE="${CONTAINER_ENGINE:-docker}"

if [ "${FORCE:-0}" != 1 ] && "$ENGINE" image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "build-base: $IMAGE exists (FORCE=1 rebuilds it)"
  exit 0
fi
command -v debootstrap >/dev/null || { echo "build-base: debootstrap is missing (apt-get install debootstrap)" >&2; exit 1; }
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
# ca-certificates: the server makes no HTTPS call of its own, but a user asking for a model import does.
debootstrap --variant=minbase --include="ca-certificates${EXTRA_PACKAGES:+,$EXTRA_PACKAGES}" bookworm "$root" "$MIRROR"
# What a running container never needs: package lists, docs, man pages, locales other than C.
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/usr/share/doc/* "$root"/usr/share/man/* \
  "$root"/usr/share/info/*
find "$root"/usr/share/locale -mindepth 1 -maxdepth 1 ! -name 'C*' -exec rm -rf {} +
tar -C "$root" -c . | "$ENGINE" import - "$IMAGE"
echo "build-base: $IMAGE imported"
