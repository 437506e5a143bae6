#!/bin/sh
# Fails when a C source or header is not formatted by the repo's .clang-format.
# usage: check_format.sh SOURCE_DIR [CLANG_FORMAT]
set -eu
src=$1 tool=${2:-clang-format}
cd "$src"
files=$(find include lib tests tools fuzz examples bench -name '*.[ch]' 2>/dev/null | sort)
[ -n "$files" ] || { echo "no sources found under $src"; exit 1; }
# shellcheck disable=SC2086
"$tool" --dry-run --Werror $files
echo "$(echo "$files" | wc -l) files formatted"
