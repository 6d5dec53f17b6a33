#!/usr/bin/env bash
# Smoke test of the CPU image docker/build.sh made, as .ci/run runs it: starts a container on a fresh volume, waits for
# the demo's labelled topics over socket.io and for the health check to read healthy, stops it with SIGTERM (exit 0,
# archive flushed) and reads the archive it left on the volume with the image's own CLI; then checks the image runs as
# its non-root user and that, asked for CUDA on a machine without it, it refuses to start and says why.
#   IMAGE=chat-topics:cpu  PORT=3998
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGE="${IMAGE:-chat-topics:cpu}"
PORT="${PORT:-3998}"
name="chat-topics-image-smoke-$$"
volume="$name-data"
say() { echo "image-smoke: $*"; }
fail() {
  echo "image-smoke: FAILED: $*" >&2
  docker logs "$name" 2>&1 | tail -40 >&2 || true
  exit 1
}
trap 'docker rm -f "$name" >/dev/null 2>&1 || true; docker volume rm -f "$volume" >/dev/null 2>&1 || true' EXIT

run=(docker run -v "$volume:/data")
t0=$(date +%s)
"${run[@]}" -d --name "$name" -p "127.0.0.1:$PORT:3000" "$IMAGE" >/dev/null
node docker/smoke.mjs "http://127.0.0.1:$PORT" 240 || fail "no demo topics over socket.io"

# The image's health check runs every 30 s; the second one at the latest sees the server up.
health=starting
for _ in $(seq 1 90); do
  health=$(docker inspect -f '{{.State.Health.Status}}' "$name")
  [ "$health" = healthy ] && break
  sleep 1
done
[ "$health" = healthy ] || fail "health check reads \"$health\", not healthy"
say "health check reads healthy, $(($(date +%s) - t0)) s after docker run"

t1=$(date +%s)
docker stop -t 20 "$name" >/dev/null
code=$(docker inspect -f '{{.State.ExitCode}}' "$name")
say "stopped with SIGTERM in $(($(date +%s) - t1)) s, exit code $code"
[ "$code" = 0 ] || fail "exit code $code after SIGTERM, not 0"
docker logs "$name" 2>&1 | grep -q 'archive flushed' || fail 'no "archive flushed" in the log after SIGTERM'

# What the demo archived is on the volume, readable by a new container (the same non-root user owns it).
streams=$("${run[@]}" --rm "$IMAGE" streams --json) || fail "streams on the volume: $streams"
messages=$(node -e '
  const streams = JSON.parse(process.argv[1]);
  const demo = streams.filter((s) => s.channel === "demo");
  console.log(demo.reduce((n, s) => n + s.messageCount, 0));
' "$streams") || fail "streams --json printed what is not a stream list: $streams"
[ "$messages" -gt 0 ] || fail "no demo message in the archive on the volume"
say "the volume's archive holds $messages demo messages"

user=$(docker run --rm --entrypoint /usr/bin/id "$IMAGE" -u)
[ "$user" = 10001 ] || fail "the image runs as uid $user, not 10001"
say "runs as uid $user"

set +e
out=$(docker run --rm -e CHAT_TOPICS_EMBED_EXECUTION_PROVIDER=cuda "$IMAGE" embed-server 2>&1)
code=$?
set -e
[ "$code" != 0 ] && echo "$out" | grep -qi 'cuda' || fail "asked for CUDA without it: exit code $code, expected a refusal naming CUDA: $out"
say "asked for CUDA without it: exit code $code, $(echo "$out" | grep -i cuda | head -1 | cut -c1-160)"
say "passed in $(($(date +%s) - t0)) s"
