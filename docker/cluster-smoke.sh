#!/usr/bin/env bash
# Smoke test of docker/compose.cluster.yml with the images docker/build.sh and the Redis and PostgreSQL bases made:
# starts Redis, PostgreSQL and two dashboard nodes, waits for the demo's labelled topics on the node that does NOT run
# the demo (they cross through Redis), kills the node that runs it (SIGKILL), and waits for labelled topics of a refit
# on the survivor, which took the demo over; checks that an analysis started on one node is listed by the other, that a
# model version trained and promoted on one node becomes both nodes' live embedder, that
# the shared archive holds both nodes' demo streams and that the survivor writes to it; then stops the survivor (exit
# 0, archive flushed).
#   COMPOSE=docker-compose  PORT_A=3998  PORT_B=3999  LEASE_SECONDS=5
set -euo pipefail
cd "$(dirname "$0")/.."
COMPOSE="${COMPOSE:-docker-compose}"
export PORT_A="${PORT_A:-3998}" PORT_B="${PORT_B:-3999}" LEASE_SECONDS="${LEASE_SECONDS:-5}"
project=chat-topics-cluster-smoke
dc() { $COMPOSE -p "$project" -f docker/compose.cluster.yml "$@"; }
trap 'dc down -v --timeout 20 >/dev/null 2>&1 || true' EXIT

t0=$(date +%s)
dc up -d
echo "cluster-smoke: up in $(($(date +%s) - t0)) s"
owner=""
for _ in $(seq 1 60); do
  owner=$(dc exec -T redis redis-cli get chat-topics:lease:demo | tr -d '\r')
  [ -n "$owner" ] && break
  sleep 1
done
[ -n "$owner" ] || { echo "cluster-smoke: no node took the demo" >&2; exit 1; }
if [ "$owner" = a ]; then other=b; other_port=$PORT_B; else other=a; other_port=$PORT_A; fi
echo "cluster-smoke: node $owner runs the demo; watching it from node $other"
node docker/smoke.mjs "http://127.0.0.1:$other_port" 240

# The shared workspace: an analysis of the demo's stream started on the node that runs the demo is listed by the other
# (both read one archive and store analyses in it). Asked from inside each container: loopback is an operator.
stream=$(dc exec -T postgres psql -h /tmp -U chat -d postgres -tA -c \
  "SELECT id FROM streams WHERE channel = 'demo' ORDER BY started_at DESC LIMIT 1" | tr -d '\r')
dc exec -T "node-$owner" node -e "
  const base = 'http://127.0.0.1:3000';
  (async () => {
    const { operatorToken } = await (await fetch(base + '/api/config')).json();
    const res = await fetch(base + '/api/streams/$stream/analyses', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': operatorToken },
      body: JSON.stringify({ model: 'bow', params: { umap: { nNeighbors: 15, nEpochs: 40 } } }),
    });
    if (!res.ok) throw new Error('analysis refused: ' + res.status + ' ' + (await res.text()));
  })().catch((err) => { console.error(err.message); process.exit(1); });"
listed=0
for _ in $(seq 1 60); do
  listed=$(dc exec -T "node-$other" node -e "
    fetch('http://127.0.0.1:3000/api/streams/$stream/analyses').then((r) => r.json())
      .then((l) => console.log(l.analyses.length), () => console.log(0));" | tr -d '\r')
  [ "$listed" -ge 1 ] 2>/dev/null && break
  sleep 1
done
echo "cluster-smoke: an analysis of $stream started on node $owner is listed by node $other: $listed"
[ "$listed" -ge 1 ] 2>/dev/null || { echo 'cluster-smoke: the analysis is not shared' >&2; exit 1; }

# The deployment's model registry: a version trained on the demo's node (the CLI in its container, into the models
# volume both mount) and promoted there becomes the live embedder of both nodes (the active version is in PostgreSQL).
cli() { dc exec -T "node-$owner" node /app/bin/chat-topics.js "$@"; }
t0=$(date +%s)
cli train --preset cpu-tiny --simulator 3000 --set pretrain.steps=4 --set mlm.steps=3 --set simcse.steps=3 >/dev/null
model=$(cli model list --json | node -e "
  let t = ''; process.stdin.on('data', (c) => (t += c)).on('end', () =>
    console.log(JSON.parse(t).versions.find((m) => m.source !== 'builtin').id));" | tr -d '\r')
cli model promote "$model" >/dev/null
echo "cluster-smoke: $model trained and promoted on node $owner in $(($(date +%s) - t0)) s"
# The CLI's job is one of the deployment's training jobs (every node's admin section lists it).
jobs=$(dc exec -T postgres psql -h /tmp -U chat -d postgres -tAc \
  "SELECT state FROM chat_topics_training_jobs" | tr -d '\r' | paste -sd ' ')
echo "cluster-smoke: the deployment's training jobs: $jobs"
[ "$jobs" = succeeded ] || { echo 'cluster-smoke: the CLI job is not in the deployment database' >&2; exit 1; }
for n in a b; do
  embedder=''
  for _ in $(seq 1 60); do
    embedder=$(dc exec -T "node-$n" node -e "
      fetch('http://127.0.0.1:3000/api/config').then((r) => r.json())
        .then((c) => console.log(c.embedder.id), () => console.log('-'));" | tr -d '\r')
    case "$embedder" in *"$model"*) break ;; esac
    sleep 1
  done
  echo "cluster-smoke: node $n embeds with $embedder"
  case "$embedder" in *"$model"*) ;; *) echo "cluster-smoke: node $n did not follow the promotion" >&2; exit 1 ;; esac
done

killed=$(date +%s%3N)
dc kill -s SIGKILL "node-$owner"
echo "cluster-smoke: node $owner killed"
for _ in $(seq 1 60); do
  now=$(dc exec -T redis redis-cli get chat-topics:lease:demo | tr -d '\r')
  [ "$now" = "$other" ] && break
  sleep 0.5
done
echo "cluster-smoke: node $other owns the demo $(($(date +%s%3N) - killed)) ms after the kill"
[ "$now" = "$other" ] || { echo "cluster-smoke: the demo was not taken over" >&2; exit 1; }
node docker/smoke.mjs "http://127.0.0.1:$other_port" 240 --refit-after "$killed"
dc logs "node-$other" 2>&1 | grep -q 'channel taken over from another node' ||
  { echo 'cluster-smoke: no takeover in the log' >&2; exit 1; }

# The shared archive holds the dead node's demo stream and the survivor's (the demo is a simulation: a node that takes
# it over starts a new session, where a live channel goes on in the same stream), and the survivor writes to it.
archive() {
  dc exec -T postgres psql -h /tmp -U chat -d postgres -tA -c \
    "SELECT count(*) || ' ' || coalesce(sum(message_count), 0) FROM streams WHERE channel = 'demo'" | tr -d '\r'
}
before=$(archive)
sleep 3
after=$(archive)
echo "cluster-smoke: demo streams and messages in the shared archive: $before, then $after"
[ "${after%% *}" -ge 2 ] || { echo "cluster-smoke: expected both nodes' demo streams in the shared archive" >&2; exit 1; }
[ "${after##* }" -gt "${before##* }" ] || { echo 'cluster-smoke: the survivor wrote nothing to the archive' >&2; exit 1; }

survivor=$(dc ps -q "node-$other")
dc stop -t 20 "node-$other"
code=$(docker inspect -f '{{.State.ExitCode}}' "$survivor")
echo "cluster-smoke: node $other stopped, exit code $code"
docker logs "$survivor" 2>&1 | grep -q 'archive flushed' || { echo 'cluster-smoke: no "archive flushed" in the log' >&2; exit 1; }
[ "$code" = 0 ] || exit 1
echo "cluster-smoke: passed"
