#!/usr/bin/env bash
# Smoke test of docker/compose.yml with the images docker/build.sh made: starts the dashboard and its two embed
# servers, waits for the demo's labelled topics over socket.io, freezes one embed server (an unresponsive GPU box)
# and waits for a refit that took in a minute of chat embedded since, with at most a few messages lost; then stops the dashboard (exit 0, archive
# flushed) and checks that an image asked for CUDA on a machine without it refuses to start, saying why.
#   COMPOSE=docker-compose  PORT=3999
set -euo pipefail
cd "$(dirname "$0")/.."
COMPOSE="${COMPOSE:-docker-compose}"
export PORT="${PORT:-3999}"
export CHAT_TOPICS_EMBED_TOKEN="${CHAT_TOPICS_EMBED_TOKEN:-smoke-$RANDOM$RANDOM}"
project=chat-topics-smoke
dc() { $COMPOSE -p "$project" -f docker/compose.yml "$@"; }
trap 'dc down -v --timeout 20 >/dev/null 2>&1 || true' EXIT

t0=$(date +%s)
dc up -d
echo "compose-smoke: up (embed servers healthy) in $(($(date +%s) - t0)) s"
node docker/smoke.mjs "http://127.0.0.1:$PORT" 240

dc pause embed-a
frozen=$(($(date +%s) * 1000))
echo "compose-smoke: embed-a frozen"
# First a refit of messages sent after the freeze (how long the pool took to leave embed-a out), then a minute of them.
node docker/smoke.mjs "http://127.0.0.1:$PORT" 240 --refit-after "$frozen" --advance 5 --max-dropped 20
node docker/smoke.mjs "http://127.0.0.1:$PORT" 240 --refit-after "$frozen" --advance 60 --max-dropped 20
dc unpause embed-a

dashboard=$(dc ps -q dashboard)
t0=$(date +%s)
dc stop -t 20 dashboard
code=$(docker inspect -f '{{.State.ExitCode}}' "$dashboard")
echo "compose-smoke: dashboard stopped in $(($(date +%s) - t0)) s, exit code $code"
docker logs "$dashboard" 2>&1 | grep -q 'archive flushed' || { echo 'compose-smoke: no "archive flushed" in the log' >&2; exit 1; }
[ "$code" = 0 ] || exit 1

image="${EMBED_IMAGE:-chat-topics:cpu}"
set +e
out=$(docker run --rm -e CHAT_TOPICS_EMBED_EXECUTION_PROVIDER=cuda "$image" embed-server 2>&1)
code=$?
set -e
echo "compose-smoke: $image asked for CUDA: exit code $code; $(echo "$out" | grep -i cuda | head -1)"
[ "$code" != 0 ] && echo "$out" | grep -qi 'cuda' || { echo "compose-smoke: expected a refusal naming CUDA" >&2; exit 1; }
echo "compose-smoke: passed"
