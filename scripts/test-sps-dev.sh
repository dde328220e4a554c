#!/usr/bin/env bash
# sps_dev's own suite (python/tests), run against the wheel built from this working tree
# (dist/, made by `npm run build`), never against the sources: the wheel is installed with
# pip --target into .tools/sps-dev-suite-site (its own: vitest's runs use .tools/sps-dev-site
# at the same time), which the tests put first on every sys.path. It runs under pytest on the
# development Python (3.11), and under the standard library's unittest on the other Pythons
# the package supports and SPS runs plugins with (3.8, 3.12, 3.13), where pytest is not
# installed. The same test files run on all four.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONDONTWRITEBYTECODE=1 PIP_RETRIES=0 PIP_DISABLE_PIP_VERSION_CHECK=1
shopt -s nullglob
wheels=(dist/sps_plugin_dev-*.whl)
[ "${#wheels[@]}" -eq 1 ] || { echo "test-sps-dev: expected one wheel in dist/ (npm run build), found ${#wheels[@]}" >&2; exit 1; }
site=.tools/sps-dev-suite-site
rm -rf "$site"
.tools/venv/bin/python -m pip install --quiet --no-deps --no-index --target "$site" "${wheels[0]}"
export SPS_DEV_SITE="$PWD/$site"
# Compiled for each Python the suite runs on, as pip compiles a package for the Python it
# installs into: with PYTHONDONTWRITEBYTECODE set, every run of sps_dev on 3.8, 3.12 or 3.13
# would compile its modules (and PyYAML's) anew: about a tenth of those suites' CPU time.
for version in 3.8 3.12 3.13; do
  .tools/bin/python$version -m compileall -q -j0 "$site" .tools/pyyaml >/dev/null
done
# The package's own hygiene: strict typing, lint and format, as for the projects it serves.
(cd python && ../.tools/venv/bin/python -m mypy --no-incremental && ../.tools/venv/bin/ruff check --no-cache . && ../.tools/venv/bin/ruff format --check --no-cache .)
echo "sps_dev's tests against ${wheels[0]}"
# Two lanes side by side: pytest on 3.11, then 3.13; 3.12 under unittest, then 3.8. The first
# Python of each lane runs beside vitest; not all four at once: beside vitest's two files that
# made six CPU-bound streams on two cores, and npm test took 5-6% more CPU for the same wall
# time (two alternating pairs: 849 and 817 CPU-s in two lanes, 890 and 871 in four).
# The second Python of each lane runs once vitest has mostly ended, in two halves side by
# side (test files by first letter): as one process each, the two lanes left a core idle
# while their hang and timeout tests waited (about 13 s of sleep a Python) and while the
# longer lane ran alone: 40 of that phase's 146 core-seconds were idle in one npm test.
# 3.8 follows 3.12 because it is the slower of the two and 3.12 the sooner to end.
# Each part's output is shown whole after.
for version in 3.8 3.12 3.13; do
  [ -x ".tools/bin/python$version" ] || { echo "test-sps-dev: .tools/bin/python$version missing: run scripts/python-tools.sh" >&2; exit 1; }
done
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
# unittest_on VERSION PATTERN: the test files matching PATTERN on that Python.
unittest_on() {
  echo "sps_dev's tests ($2) on $(".tools/bin/python$1" --version):"
  ".tools/bin/python$1" -m unittest discover -s python/tests -p "$2"
}
# halves VERSION: all the test files, in two processes side by side (the two patterns are
# complements, so no file is left out); 1 when either failed.
halves() {
  local first=0 second=0
  unittest_on "$1" 'test_[dhs]*.py' >"$logs/$1-a" 2>&1 &
  local other=$!
  unittest_on "$1" 'test_[!dhs]*.py' >"$logs/$1-b" 2>&1 || second=1
  wait "$other" || first=1
  return $((first | second))
}
( code=0; unittest_on 3.12 'test_*.py' >"$logs/3.12" 2>&1 || code=1; halves 3.8 || code=1; exit "$code" ) &
other_lane=$!
status=0
.tools/venv/bin/python -m pytest -q -p no:cacheprovider python/tests || status=1
halves 3.13 || status=1
wait "$other_lane" || status=1
cat "$logs/3.12" "$logs/3.8-a" "$logs/3.8-b" "$logs/3.13-a" "$logs/3.13-b"
exit "$status"
