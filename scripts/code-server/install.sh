#!/usr/bin/env bash
# Installs what the end-to-end tests need to run a real VS Code on a machine that cannot download
# VS Code itself (only the npm registry and Debian apt are reachable):
#   1. Debian packages: chromium (the browser that renders the workbench), ripgrep (VS Code's search,
#      normally downloaded from GitHub), libkrb5-dev + build-essential + python3 (native modules),
#      fonts-noto-core (Arabic glyphs for screenshots).
#   2. code-server (VS Code 1.100.3 for the browser) into a cache folder, NOT into the project's
#      node_modules (it is ~300 MB):  ${ARABIC_NEWS_CACHE:-<repo>/.cache}/code-server
#
# Idempotent: a marker file (version + Node ABI) is written when everything succeeded; with the marker
# present the script only checks the apt packages and exits (well under a second). After a partial
# failure every step is simply run again (each one is safe to repeat). Concurrent runs are serialised
# with flock.
#
# Usage: bash scripts/code-server/install.sh        (prints the code-server folder on the last line)
# Env:   ARABIC_NEWS_CACHE   cache root (default <repo>/.cache)
#        CODE_SERVER_VERSION  default 4.100.3 (VS Code 1.100.3, the newest that runs on Node 20)
set -euo pipefail

VERSION="${CODE_SERVER_VERSION:-4.100.3}"
# Physical path (symlinks resolved), the same folder server.mjs computes from its own real location.
ROOT="$(cd -P "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd -P)"
CACHE_ROOT="${ARABIC_NEWS_CACHE:-$ROOT/.cache}"
mkdir -p "$CACHE_ROOT"
CACHE_ROOT="$(cd "$CACHE_ROOT" && pwd)"
DIR="$CACHE_ROOT/code-server"
NODE_ABI="$(node -p 'process.versions.modules')"
MARKER_TEXT="code-server@$VERSION node-abi=$NODE_ABI"
MARKER="$DIR/.installed"
APT_PACKAGES=(libkrb5-dev ripgrep build-essential python3 chromium fonts-noto-core)

log() { printf '[install:e2e] %s\n' "$*" >&2; }
die() { printf '[install:e2e] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------- apt
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  SUDO=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "need root (or sudo) to apt-get install ${missing[*]}"
    SUDO=(sudo -n)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -q </dev/null
  "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
fi
command -v rg >/dev/null || die "ripgrep (rg) is not on PATH after installing it"
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing after installing chromium"

# --------------------------------------------------------------------------------------- code-server
mkdir -p "$DIR"
exec 9>"$CACHE_ROOT/.code-server.lock"
flock -w 900 9 || die "another install holds $CACHE_ROOT/.code-server.lock for more than 15 minutes"

if [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$MARKER_TEXT" ] \
   && [ -f "$DIR/node_modules/code-server/out/node/entry.js" ]; then
  log "code-server $VERSION already installed in $DIR"
  echo "$DIR"
  exit 0
fi
rm -f "$MARKER"
log "installing code-server $VERSION into $DIR (about a minute warm, a few minutes cold)"
start=$SECONDS

# A package.json of its own, so npm does not walk up to the project's package.json and install there.
cat >"$DIR/package.json" <<JSON
{
  "name": "arabic-news-code-server-cache",
  "private": true,
  "description": "code-server for the e2e tests; written by scripts/code-server/install.sh",
  "dependencies": { "code-server": "$VERSION" }
}
JSON

export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false \
  npm_config_loglevel="${npm_config_loglevel:-error}"
cd "$DIR"
# Never let an npm install below land in the project itself.
grep -q '"arabic-news-code-server-cache"' package.json || die "not in the cache folder ($(pwd))"
# --ignore-scripts: code-server's own postinstall is run below, after its VS Code deps are fixed up.
npm install --ignore-scripts --no-package-lock </dev/null
CS="$DIR/node_modules/code-server"
[ -f "$CS/out/node/entry.js" ] || die "code-server@$VERSION did not install (no out/node/entry.js)"

log "building argon2 (native)"
npm rebuild argon2 </dev/null

log "installing VS Code's runtime modules"
cd "$CS/lib/vscode"
npm install --omit=dev --ignore-scripts </dev/null
# @vscode/ripgrep's postinstall downloads rg from GitHub; it skips when bin/ exists. Use Debian's.
RG_BIN="node_modules/@vscode/ripgrep/bin"
[ -d "node_modules/@vscode/ripgrep" ] || die "@vscode/ripgrep is missing from lib/vscode"
mkdir -p "$RG_BIN"
cp -f "$(command -v rg)" "$RG_BIN/rg"
chmod +x "$RG_BIN/rg"
npm_config_yes=true npm rebuild </dev/null

log "running code-server's postinstall"
cd "$CS"
npm_config_unsafe_perm=true npm_config_yes=true npm run postinstall </dev/null

printf '%s' "$MARKER_TEXT" >"$MARKER"
log "code-server $VERSION installed in $((SECONDS - start)) s"
echo "$DIR"
