#!/usr/bin/env bash
# The "VS Code executable" handed to @vscode/test-electron's runTests() when there is no desktop VS Code:
# runTests spawns it without a shell, so it has to be an executable file. See launcher.mjs.
exec "${ARABIC_NEWS_NODE:-${npm_node_execpath:-node}}" "$(dirname "${BASH_SOURCE[0]}")/launcher.mjs" "$@"
