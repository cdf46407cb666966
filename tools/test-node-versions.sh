#!/usr/bin/env bash
# npm run test:node -- 22 24: runs the test suite (vitest, after `npm test`'s builds) on other
# Node.js majors, each taken from the npm registry's node-<platform>-<arch> package (a plain
# binary, no install script) into .data/node-<major>. A version that cannot be installed is
# reported and skipped; a failing suite fails the command.
set -uo pipefail
cd "$(dirname "$0")/.."
platform=$(node -p 'process.platform')
arch=$(node -p 'process.arch')
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(22 24)
status=0
for major in "${versions[@]}"; do
  prefix=".data/node-$major"
  bin="$prefix/node_modules/node-$platform-$arch/bin"
  if [ ! -x "$bin/node" ]; then
    if ! npm install --no-save --no-audit --no-fund --silent --prefix "$prefix" "node-$platform-$arch@$major" >/dev/null 2>&1; then
      echo "Node $major: cannot be installed from the registry here; skipped"
      continue
    fi
  fi
  echo "Node $("$bin/node" --version): running the test suite"
  if ! PATH="$PWD/$bin:$PATH" node_modules/.bin/vitest run; then
    echo "Node $major: the test suite FAILED"
    status=1
  fi
done
exit $status
