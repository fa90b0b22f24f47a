#!/bin/sh
# SPDX-License-Identifier: AGPL-3.0-or-later
# run.sh: runs each libFuzzer target for FUZZ_SECONDS (default 40) from its
# seed corpus t/fuzz/corpus/<name>/, copied to a scratch directory so that
# the checked-in seeds never change. Each target checks a property (a round
# trip, or agreement with a reference) and aborts when it breaks, which
# counts as a crash. Prints one line per fuzzer; exits 1 if any fuzzer
# crashed (its log and inputs are kept and their path printed).
# Usage: t/fuzz/run.sh BUILD_DIR   (a build made with -DMADANG_FUZZ=ON)
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 BUILD_DIR" >&2
	exit 2
fi
build=$1
here=$(cd "$(dirname "$0")" && pwd)
seconds=${FUZZ_SECONDS:-40}
failed=0

for name in query form multipart cookie mail path route accept_language content_disposition text csv; do
	exe=$build/t/fuzz/fuzz_$name
	if [ ! -x "$exe" ]; then
		echo "FAIL fuzz_$name: $exe not built (MADANG_FUZZ=ON, CC=clang)"
		failed=1
		continue
	fi
	work=$(mktemp -d "${TMPDIR:-/tmp}/madang-fuzz-$name-XXXXXX")
	mkdir "$work/corpus"
	cp "$here/corpus/$name/"* "$work/corpus/" 2>/dev/null || true
	"$exe" -max_total_time="$seconds" -print_final_stats=1 \
		-artifact_prefix="$work/" "$work/corpus" >"$work/log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
	crashes=$(find "$work" -maxdepth 1 -type f \
		\( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
	if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
		echo "FAIL fuzz_$name: exit $rc, $crashes artifact(s); see $work/log"
		failed=1
	else
		echo "ok   fuzz_$name: ${execs:-?} runs in ${seconds}s, properties held"
		rm -rf "$work"
	fi
done
exit $failed
