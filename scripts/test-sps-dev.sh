#!/usr/bin/env bash
# sps_dev's own suite (python/tests), run against the wheel built from this working tree
# (dist/, made by `npm run build`), never against the sources: the wheel is installed with
# pip --target into .tools/sps-dev-suite-site (its own: vitest's runs use .tools/sps-dev-site
# at the same time), which the tests put first on every sys.path. It runs under pytest on the
# development Python (3.11), and beside it under the standard library's unittest on the other
# Pythons the package supports and SPS runs plugins with (3.8, 3.12, 3.13), where pytest is
# not installed. The same test files run on all four.
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
# The other Pythons run side by side with pytest; each one's output is shown whole after.
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
pids=()
for version in 3.8 3.12 3.13; do
  python=.tools/bin/python$version
  [ -x "$python" ] || { echo "test-sps-dev: $python missing: run scripts/python-tools.sh" >&2; exit 1; }
  ( echo "sps_dev's tests on $("$python" --version):"; "$python" -m unittest discover -s python/tests -p 'test_*.py' ) >"$logs/$version" 2>&1 &
  pids+=("$!")
done
status=0
.tools/venv/bin/python -m pytest -q -p no:cacheprovider python/tests || status=1
for index in 0 1 2; do
  version=$(echo 3.8 3.12 3.13 | cut -d' ' -f$((index + 1)))
  wait "${pids[$index]}" || status=1
  cat "$logs/$version"
done
exit "$status"
