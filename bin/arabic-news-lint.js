#!/usr/bin/env node
// The command-line linter for corpus CI: `arabic-news-lint [paths or globs…]` (docs/cli.md).
require('../dist/cli.js');
