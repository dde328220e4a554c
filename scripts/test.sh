#!/usr/bin/env bash
# The whole suite, as `npm test` runs it: the Python tools, one build, then side by side the
# type check, the format check, vitest and sps_dev's own suite (scripts/test-sps-dev.sh).
#
# Side by side because each part leaves a core idle at times (vitest's files wait on the
# processes they start; the Python suites end one by one) and the whole suite is CPU-bound on
# a two-core machine. sps_dev's suite runs at the lowest priority (nice 19): it takes what
# vitest leaves, so that vitest's timed tests see the load they see alone (with four CPU-bound
# processes at nice 10 beside it, killed-runs' adopt loop landed 13 of 20 kills mid-write, its
# floor being 12; at nice 19, 19 of 20, as with nothing beside it).
# Each part's output is shown whole, in a fixed order, once all have ended; the exit status
# is 1 when any part failed.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/python-tools.sh
npm run build --silent
# vitest's global setup would build again (it must, when vitest runs alone).
export SPS_SUITE_BUILT=1

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
names=(typecheck format sps-dev)
commands=("npx tsc --noEmit" "npx prettier --check ." "nice -n 19 bash scripts/test-sps-dev.sh")
pids=()
for index in "${!names[@]}"; do
  # shellcheck disable=SC2086 # each command is a few words, split on purpose
  (${commands[$index]}) >"$logs/${names[$index]}" 2>&1 &
  pids+=("$!")
done
status=0
npx vitest run || status=1
for index in "${!names[@]}"; do
  code=0
  wait "${pids[$index]}" || code=$?
  echo "--- ${names[$index]} (exit $code)"
  cat "$logs/${names[$index]}"
  [ "$code" -eq 0 ] || status=1
done
exit "$status"
