#!/usr/bin/env bash
# The whole suite, as `npm test` runs it: the Python tools, one build, then side by side the
# type check, the format check, vitest and sps_dev's own suite (scripts/test-sps-dev.sh).
#
# Side by side because each part leaves a core idle at times (vitest's files wait on the
# processes they start; the Python suites end one by one) and the whole suite is CPU-bound on
# a two-core machine. sps_dev's suite runs at a lower priority (nice 10), so that vitest's
# timed tests see less of its load; not the lowest: at nice 19 it starved, and its own 3-second
# hook timeouts (verify's, in the defect table) expired while vitest ran.
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
# The tools' own bins, not npx: npx starts npm first, half a CPU-second a call here.
bin=node_modules/.bin
commands=("$bin/tsc --noEmit" "$bin/prettier --check ." "nice -n 10 bash scripts/test-sps-dev.sh")
pids=()
for index in "${!names[@]}"; do
  # shellcheck disable=SC2086 # each command is a few words, split on purpose
  (${commands[$index]}) >"$logs/${names[$index]}" 2>&1 &
  pids+=("$!")
done
status=0
"$bin/vitest" run || status=1
for index in "${!names[@]}"; do
  code=0
  wait "${pids[$index]}" || code=$?
  echo "--- ${names[$index]} (exit $code)"
  cat "$logs/${names[$index]}"
  [ "$code" -eq 0 ] || status=1
done
exit "$status"
