#!/bin/sh
# Install the peer systems the benchmark runner compares Elle against, from the
# distribution's packages (Debian/Ubuntu), plus the Python packages the runner
# and the micro-benchmarks use. Safe to re-run. Needs root (or sudo).
set -eu

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# Each peer is installed on its own so that one missing package (for example
# pypy3 on a release that dropped it) does not stop the others.
for pkg in gcc guile-3.0 chezscheme racket luajit pypy3; do
    if ! $SUDO apt-get install -y -q --no-install-recommends "$pkg"; then
        echo "setup-peers: could not install $pkg; the runner will skip it" >&2
    fi
done

# matplotlib for the charts, pyperf for benchmarks/micro/.
PY="${PYTHON:-python3}"
"$PY" -m pip install -q matplotlib pyperf || \
    echo "setup-peers: pip install matplotlib pyperf failed; charts/micro disabled" >&2

for bin in gcc guile scheme racket luajit pypy3; do
    if command -v "$bin" >/dev/null 2>&1; then
        echo "setup-peers: found $bin"
    else
        echo "setup-peers: missing $bin"
    fi
done
