#!/usr/bin/env bash
# sps_dev's own test suite (test/sps_dev): under pytest on the development Python, then under
# the standard library's unittest on the Pythons SPS runs plugins with, 3.8 (SPS 7 and 8) and
# 3.12 (SPS 9), where pytest cannot be installed. The same test files run in all three.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONDONTWRITEBYTECODE=1 PIP_RETRIES=0 PIP_DISABLE_PIP_VERSION_CHECK=1
.tools/venv/bin/python -m pytest -q -p no:cacheprovider test/sps_dev
for version in 3.8 3.12; do
  python=.tools/bin/python$version
  [ -x "$python" ] || { echo "test-sps-dev: $python missing: run scripts/python-tools.sh" >&2; exit 1; }
  echo "sps_dev's tests on $("$python" --version):"
  "$python" -m unittest discover -s test/sps_dev -p 'test_*.py'
done
