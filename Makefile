# SPDX-License-Identifier: AGPL-3.0-or-later
# Makefile: thin shortcuts around CMake and the scripts in scripts/.
#
#   make build        configure and build into build/ (build-san/ with SANITIZE=1),
#                     the unit tests and test tools too (TESTS=OFF: the programs only)
#   make run          install run deps, build the programs, serve
#                     http://127.0.0.1:8080 (data in var/)
#   make test         install test deps, build with the tests, run scripts/test.sh
#   make bench        install bench deps, build the programs, run bench/run
#   make deb          install the packaging tools, build the Debian package
#                     build-deb/madang_VERSION_amd64.deb (debian/)
#   make test-deb     make deb, then install it into a fresh Debian 12 root,
#                     set it up, serve, and upgrade from a lower version
#                     (scripts/deb-test.sh)
#   make test-cluster install test and cluster deps (galera-4, rsync), build, run
#                     t/cluster/*.t (three Galera nodes, scripts/cluster.sh)
#   make clean        remove the build directories (var/ keeps its data)
#   make distclean    clean, and stop and remove the stack in var/
#
# SANITIZE=1 builds with AddressSanitizer and UBSan into build-san/.
# TESTS=ON (MADANG_TESTS) adds t/unit and t/tools, which need cmocka, a test
# package: make run and make bench build without them, so that they need only
# what scripts/deps.sh run (bench) installs. All share one build/: switching
# TESTS reconfigures it (seconds) and rebuilds nothing already built.
# (bench/run runs make build itself: TESTS=OFF in its environment carries over.)
# Warnings are errors (WERROR=ON) so that make build and make test share one
# build; a packager whose newer compiler warns can pass WERROR=OFF.

SANITIZE ?= 0
WERROR ?= ON
JOBS ?= 2
TESTS ?= ON
BUILD_TYPE ?= RelWithDebInfo

ifeq ($(SANITIZE),1)
BUILD_DIR := build-san
SAN_FLAG := ON
else
BUILD_DIR := build
SAN_FLAG := OFF
endif

CMAKE_FLAGS := -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DMADANG_SANITIZE=$(SAN_FLAG) \
	-DMADANG_WERROR=$(WERROR) -DMADANG_TESTS=$(TESTS)

export MADANG_BUILD := $(CURDIR)/$(BUILD_DIR)
export SANITIZE

.PHONY: all build run test test-cluster bench deb test-deb clean distclean

all: build

build:
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS)
	cmake --build $(BUILD_DIR) -j$(JOBS)

run:
	scripts/deps.sh run
	$(MAKE) --no-print-directory build TESTS=OFF
	scripts/run.sh

test:
	scripts/deps.sh test
	$(MAKE) --no-print-directory build TESTS=ON
	scripts/test.sh

test-cluster:
	scripts/deps.sh cluster
	$(MAKE) --no-print-directory build TESTS=ON
	prove -It/lib t/cluster/*.t

bench:
	scripts/deps.sh bench
	$(MAKE) --no-print-directory build TESTS=OFF
	TESTS=OFF bench/run

deb:
	scripts/deps.sh deb
	scripts/deb-test.sh build

test-deb:
	scripts/deps.sh deb
	scripts/deb-test.sh

clean:
	rm -rf build build-san build-deb

distclean: clean
	-scripts/stack.sh stop var
	rm -rf var
