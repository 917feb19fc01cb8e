#!/usr/bin/env bash
# Fuzz one target on stable Rust (no sanitizer): fuzz/run.sh TARGET SECONDS
# Targets: text html docx pdf xlsx xls ods. The corpus starts from the project's own sample
# reports and fixtures of that form; crashes land in fuzz/artifacts/TARGET/ (turn each into a
# regression test under tests/fixtures/fuzz/).
set -euo pipefail
cd "$(dirname "$0")"
target=$1; seconds=${2:-600}
ext=$target; [ "$target" = text ] && ext=txt
mkdir -p "corpus/$target"
find ../tests/fixtures ../data/sample ../../shared/samples -type f -name "*.$ext" 2>/dev/null \
  | while read -r f; do cp -n "$f" "corpus/$target/$(basename "$f")"; done
export CARGO_TARGET_DIR="${FUZZ_TARGET_DIR:-$HOME/.cache/nianbao-fuzz-target}"
cargo fuzz run -s none --release "$target" "corpus/$target" -- \
  -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len=1048576 -print_final_stats=1
