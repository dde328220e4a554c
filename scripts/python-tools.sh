#!/usr/bin/env bash
# Sets up the Python side of the test suite, and fails loudly when something is missing:
#  - .tools/venv: the generated projects' own dev tools (their requirements-dev.txt, PyYAML
#    among them, which reads MANIFESTs the way SPS's validator does), less sps-plugin-dev:
#    the tests install the wheel built from this working tree (test/helpers/build.ts);
#  - .tools/pyyaml: PyYAML's pure-Python half, for sps_dev's own tests on 3.8 and 3.12 (the
#    local index has PyYAML wheels for 3.11 only; its C speed-up is skipped elsewhere);
#  - Python 3.8 and 3.12, on which the generated plugin must run (found through pyenv);
#  - yamllint, which every generated YAML file must pass (Debian's package: the local Python
#    index has none).
set -euo pipefail
cd "$(dirname "$0")/.."

# The public index is out of reach on some machines: never wait on retries against it.
export PIP_RETRIES=0 PIP_DISABLE_PIP_VERSION_CHECK=1

python=${PYTHON:-python3}
command -v "$python" >/dev/null || { echo "python-tools: $python not found; install Python 3.10+" >&2; exit 1; }

template=templates/base/requirements-dev.txt.hbs
requirements=.tools/requirements-dev.txt
stamp=.tools/venv/.requirements
mkdir -p .tools
# The template's plain requirement lines: no Handlebars, no pip options, no sps-plugin-dev.
grep -v -e '{{' -e '^-' -e '^sps-plugin-dev' "$template" >"$requirements"
wanted="$(cat "$requirements")"
if [ ! -x .tools/venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  rm -rf .tools/venv
  "$python" -m venv .tools/venv
  .tools/venv/bin/python -m pip install --quiet --retries 0 -r "$requirements"
  printf '%s' "$wanted" >"$stamp"
fi
yaml_pin=$(grep -i '^pyyaml' "$requirements")
if [ "$(cat .tools/pyyaml/.pin 2>/dev/null)" != "$yaml_pin" ]; then
  rm -rf .tools/pyyaml
  .tools/venv/bin/python -m pip install --quiet --retries 0 --no-deps --target .tools/pyyaml "$yaml_pin"
  printf '%s' "$yaml_pin" >.tools/pyyaml/.pin
fi

pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
for version in 3.8 3.12 3.13; do
  found=$(ls -d "$pyenv_root"/versions/"$version".*/bin/python"$version" 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$found" ] && command -v "python$version" >/dev/null; then found=$(command -v "python$version"); fi
  if [ -z "$found" ]; then
    echo "python-tools: Python $version not found (looked in $pyenv_root/versions and PATH)." >&2
    echo "The tests prove the generated plugin runs on it; install it, e.g. pyenv install $version" >&2
    exit 1
  fi
  # The tests use these links (test/helpers/run.ts pythonFor): one search, here.
  mkdir -p .tools/bin && ln -sfn "$found" ".tools/bin/python$version"
  echo "python-tools: Python $version at $found"
done
if ! command -v yamllint >/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq yamllint; } >/dev/null ||
    { echo "python-tools: yamllint not found and apt-get could not install it; install it (apt-get install yamllint)" >&2; exit 1; }
fi
echo "python-tools: $(yamllint --version)"
echo "python-tools: $(.tools/venv/bin/python --version), $(.tools/venv/bin/ruff --version), $(.tools/venv/bin/mypy --version | cut -d' ' -f1-2)"
