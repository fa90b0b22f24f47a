#!/bin/bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# test.sh: the whole test suite, as `make test` runs it (after deps and the
# build): unit tests (ctest), the fuzzers (10 s each; not with SANITIZE=1,
# whose build already carries the sanitizers the fuzz build has), and the
# structure checks on the build (prove t/code), the end-to-end and security
# tests on the real stack (prove t/e2e t/security), the browser walk among them
# (after npm ci in t/browser). Exits non-zero on any failure.
#
#   MADANG_BUILD   the build directory (set by the Makefile)
#   SANITIZE=1     the ASan+UBSan build: sanitizer reports fail the tests
#   FUZZ_SECONDS   seconds per fuzzer (default 10; 0 skips the fuzzers)
#   PROVE_JOBS     test files run at a time (default 2: each has its own
#                  stack on its own ports; halves the suite's time on two
#                  cores)
set -uo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${MADANG_BUILD:-$REPO/build}
FUZZ_SECONDS=${FUZZ_SECONDS:-10}
PROVE_JOBS=${PROVE_JOBS:-2}
failed=()

if [ "${SANITIZE:-0}" = 1 ]; then
	# Stop at the first report, and fail the run: a sanitizer line in a
	# server log is also a failure (t/lib/Madang/Test.pm checks them).
	export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:halt_on_error=1:detect_leaks=1}
	export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
fi

echo "== unit tests (ctest) =="
(cd "$BUILD" && ctest --output-on-failure) || failed+=(unit)

if [ "${SANITIZE:-0}" != 1 ] && [ "$FUZZ_SECONDS" != 0 ]; then
	echo "== fuzzers (${FUZZ_SECONDS} s each) =="
	FUZZ_BUILD=$REPO/build-fuzz
	if CC=clang cmake -S "$REPO" -B "$FUZZ_BUILD" -DMADANG_FUZZ=ON -DMADANG_WERROR=ON \
		-DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null &&
		cmake --build "$FUZZ_BUILD" -j2 >/dev/null; then
		FUZZ_SECONDS=$FUZZ_SECONDS "$REPO/t/fuzz/run.sh" "$FUZZ_BUILD" || failed+=(fuzz)
	else
		echo "fuzz build failed"
		failed+=(fuzz-build)
	fi
fi

# The browser walk's npm packages (t/browser/package-lock.json): npm ci
# once per change of the lock file; the stamp makes later runs instant.
echo "== browser test packages (npm ci) =="
BROWSER=$REPO/t/browser
if cmp -s "$BROWSER/package-lock.json" "$BROWSER/node_modules/.madang-lock"; then
	echo "up to date"
elif (cd "$BROWSER" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund); then
	cp "$BROWSER/package-lock.json" "$BROWSER/node_modules/.madang-lock"
else
	failed+=(npm)
fi
# t/e2e/95-browser.t fails, rather than skips, when it cannot run.
export MADANG_BROWSER_REQUIRED=1

# t/code: the code's walls (no cycles, lib never calls app, rows by name);
# t/security: one regression test per security finding, named after what
# it guards (same harness as t/e2e).
echo "== structure, end-to-end and security tests (prove) =="
(cd "$REPO" && MADANG_BUILD=$BUILD prove -j "$PROVE_JOBS" -I t/lib t/code t/e2e t/security) || failed+=(e2e)

if [ ${#failed[@]} -gt 0 ]; then
	echo "FAILED: ${failed[*]}"
	exit 1
fi
echo "all tests passed"
