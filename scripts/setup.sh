#!/usr/bin/env bash
# Installs whatever Kezhi's build needs and is missing; idempotent and quick when all is there.
#   scripts/setup.sh            build tools: wasm32 target, trunk 0.21.x, wasm-bindgen-cli = Cargo.lock's, npm tools
#   scripts/setup.sh --browser  also Debian's Chromium, ChromeDriver and a CJK font (for the browser tests),
#                               Debian's postgresql and a Java runtime, and tests/.venv with DuckDB and
#                               pyspark from PyPI (for the warehouse tests)
# Everything comes from crates.io, the npm registry, PyPI or Debian's packages; nothing else is downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

command -v cargo >/dev/null || { echo "cargo not found: install Rust with rustup first (https://rustup.rs)"; exit 1; }
command -v npm >/dev/null || { echo "npm not found: install Node.js (Debian: apt-get install nodejs npm)"; exit 1; }

if ! rustup target list --installed 2>/dev/null | grep -x wasm32-unknown-unknown >/dev/null; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  say "installing trunk 0.21.x (0.22 needs a newer rustc)"
  cargo install --locked trunk --version '~0.21'
fi

# wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock, and Trunk.toml must name the same.
wb=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p' | head -1)
[ -n "$wb" ] || { echo "could not read wasm-bindgen's version from Cargo.lock"; exit 1; }
grep -q "wasm_bindgen = \"$wb\"" Trunk.toml || { echo "Trunk.toml's [tools] wasm_bindgen is not $wb (Cargo.lock): make them equal"; exit 1; }
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb\$"; then
  say "installing wasm-bindgen-cli $wb"
  # Without --locked: with it, a pinned dependency is not in the reachable index.
  cargo install wasm-bindgen-cli --version "=$wb"
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ]; then
  say "installing npm tools (binaryen's wasm-opt, playwright-core)"
  npm ci --no-audit --no-fund
fi

if [ "${1:-}" = "--browser" ]; then
  need=()
  [ -x /usr/bin/chromium ] || need+=(chromium)
  [ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
  # grep without -q reads to the end: with -q it can exit at the first match while fc-list still
  # writes, fc-list dies of SIGPIPE, and under pipefail the font looked missing (seen: an apt run
  # on a machine that had it).
  fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null || need+=(fonts-noto-cjk)
  # The warehouse SQL's own engines (tests/warehouse/sql_dialects.py): a PostgreSQL server, and the
  # Java runtime local Spark runs on.
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  command -v java >/dev/null || need+=(default-jre-headless)
  if [ ${#need[@]} -gt 0 ]; then
    say "installing Debian packages: ${need[*]}"
    sudo_=""; [ "$(id -u)" = 0 ] || sudo_="sudo"
    $sudo_ apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq "${need[@]}" >/dev/null
  fi
  if ! tests/.venv/bin/python -c 'import duckdb, pyspark' 2>/dev/null; then
    say "making tests/.venv with duckdb and pyspark (PyPI) for tests/warehouse/"
    [ -x tests/.venv/bin/python ] || python3 -m venv tests/.venv
    tests/.venv/bin/pip install -q 'duckdb==1.1.3' 'pyspark==3.5.9'
  fi
fi
