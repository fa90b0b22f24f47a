#!/bin/bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# deb-test.sh: build the Debian package and prove it on a fresh Debian 12.
#
#   scripts/deb-test.sh build   build build-deb/madang_VERSION_amd64.deb from
#                               this tree (tracked and new, not ignored, files;
#                               debian/, dpkg-buildpackage) and lintian it
#   scripts/deb-test.sh         build, then (make test-deb):
#     1. lintian without errors (its warnings are listed), and the units of
#        the package pass `systemd-analyze verify --root` on its files;
#     2. a "previous version" deb: the same package with the newest
#        migration held back and the version lowered (VERSION~prev);
#     3. in a fresh Debian 12 root (../shared/tools/fresh-debian, $FRESH_DEBIAN)
#        with Debian's MariaDB and nginx: install the previous deb, run
#        `madangctl setup` (twice: it is idempotent); then upgrade to the
#        new deb (postinst migrates) and check the held-back migration ran;
#        then start madang-web, nginx and one notifier the way their units
#        would (no systemd in the root: each unit's ExecStart as its User
#        and Group, with its RuntimeDirectory), fetch the home page through
#        nginx and a page from the page cache, check the application's
#        database rights and a log rotation. (The previous version's
#        programs are the new ones, which may use the held-back migration,
#        so nothing runs before the upgrade.)
#
# DEB_TEST_REUSE=1 tests the package built last instead of building again.
# $DEB_TEST_PORT: nginx's port in the root, which shares this machine's
# loopback (default 8680; MariaDB listens on no port there). Needs root.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
cd "$HERE/.."

OUT=$PWD/build-deb
JOBS=${JOBS:-2}
PORT=${DEB_TEST_PORT:-8680}
HOME_HEADING='시민의 목소리를 듣는 열린 마당' # L.Home.Heading in cs-templates/lang/ko.hdf

say() { printf '[%4ds] deb-test: %s\n' "$SECONDS" "$*"; }
die() { say "FAILED: $*"; exit 1; }

# ------------------------------------------------------------ in the root

# Runs a unit's ExecStart the way systemd would (User, Group, UMask,
# RuntimeDirectory), without the sandboxing (there is no systemd here).
# Type=simple: in the background; Type=oneshot: waits, returns its status.
run_unit() {
	local unit=/lib/systemd/system/$1 user group exec rtdir rtmode type
	user=$(sed -n 's/^User=//p' "$unit")
	group=$(sed -n 's/^Group=//p' "$unit")
	exec=$(sed -n 's/^ExecStart=//p' "$unit")
	type=$(sed -n 's/^Type=//p' "$unit")
	rtdir=$(sed -n 's/^RuntimeDirectory=//p' "$unit")
	rtmode=$(sed -n 's/^RuntimeDirectoryMode=//p' "$unit")
	if [ -n "$rtdir" ]; then
		install -d -o "$user" -g "$group" -m "${rtmode:-0755}" "/run/$rtdir"
	fi
	say "$1: $exec (as $user:$group)"
	# shellcheck disable=SC2086 # ExecStart is split into words as systemd does
	if [ "$type" = oneshot ]; then
		(umask 077 && setpriv --reuid="$user" --regid="$group" --init-groups -- $exec)
	else
		(umask 077 && exec setpriv --reuid="$user" --regid="$group" --init-groups -- $exec \
			>>/var/log/madang/web.out 2>&1 </dev/null) &
	fi
}

stop_web() {
	local pid
	pid=$(pgrep -x -u madang -o madang-web || true)
	[ -n "$pid" ] || return 0
	kill -TERM "$pid"
	for _ in $(seq 1 60); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.5
	done
	die "madang-web did not stop"
}

# The home page through nginx, with the heading.
fetch_home() {
	local html
	for _ in $(seq 1 60); do
		if html=$(curl -fsS -H 'Accept-Language: ko' "http://127.0.0.1:$PORT/" 2>/dev/null) &&
			grep -qF "$HOME_HEADING" <<<"$html"; then
			say "GET / through nginx shows the home page"
			curl -fsS "http://127.0.0.1:$PORT/healthz" | grep -qx ok || die "/healthz is not ok"
			say "GET /healthz: ok"
			return 0
		fi
		sleep 1
	done
	tail -n 30 /var/log/madang/web.log /var/log/madang/web.out /var/log/nginx/error.log 2>/dev/null || true
	die "no home page on http://127.0.0.1:$PORT/"
}

# The public page cache as packaged: madang-web (user madang, umask 077)
# stores the anonymous list page, and nginx (www-data) serves it from
# /var/cache/madang/pages on the next read.
check_page_cache() {
	local i
	curl -fsS -o /dev/null -H 'Accept-Language: ko' "http://127.0.0.1:$PORT/cases" || die "GET /cases"
	for i in 1 2 3 4 5; do
		if curl -fsS -D - -o /dev/null -H 'Accept-Language: ko' "http://127.0.0.1:$PORT/cases" |
			grep -qi '^X-Madang-Cache: hit'; then
			say "GET /cases again: served by nginx from the page cache"
			return 0
		fi
		sleep 1
	done
	ls -laR /var/cache/madang | head -n 20
	tail -n 5 /var/log/nginx/error.log 2>/dev/null || true
	die "GET /cases is never served from the page cache"
}

migration_applied() {
	mariadb -N -e "SELECT COUNT(*) FROM madang.schema_migrations WHERE version = $1"
}

# What setup gave the application's account: rows, no DDL, and the audit
# log append-only (docs/operations.md, "Database accounts").
check_app_account() {
	local pw
	pw=$(sed -n '/^db {/,/^}/ s/^  password = //p' /etc/madang/madang.hdf)
	MYSQL_PWD=$pw mariadb -u madang madang -N -e 'SELECT COUNT(*) FROM accounts' >/dev/null ||
		die "the app's account cannot read"
	if MYSQL_PWD=$pw mariadb -u madang madang -e 'CREATE TABLE deb_test (id INT PRIMARY KEY)' 2>/dev/null; then
		die "the app's account may create tables"
	fi
	if MYSQL_PWD=$pw mariadb -u madang madang -e 'UPDATE audit_log SET id = id' 2>/dev/null; then
		die "the app's account may update the audit log"
	fi
	say "the app's account reads rows but cannot create tables or update the audit log"
}

# The package's logrotate file, forced; then what its postrotate's
# `systemctl reload` does (ExecReload: SIGHUP to the master): the next
# request is logged in the new web.log.
check_logrotate() {
	logrotate -f /etc/logrotate.d/madang || die "logrotate"
	[ -e /var/log/madang/web.log.1 ] || die "logrotate did not rotate web.log"
	kill -HUP "$(pgrep -x -u madang -o madang-web)"
	curl -fsS -o /dev/null "http://127.0.0.1:$PORT/login?rotated=1" || die "GET /login"
	for _ in $(seq 1 20); do
		grep -q 'GET /login 200' /var/log/madang/web.log 2>/dev/null && break
		sleep 0.5
	done
	grep -q 'GET /login 200' /var/log/madang/web.log || die "no request in the new web.log"
	say "logrotate rotated web.log; after SIGHUP the next request is in the new file"
}

in_root() {
	local old=$1 new=$2 held=$3
	export DEBIAN_FRONTEND=noninteractive
	# Debian's own services are started by hand below.
	printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
	chmod 0755 /usr/sbin/policy-rc.d
	say "installing $old with Debian's MariaDB and nginx"
	apt-get update -q >/dev/null
	apt-get install -y -q --no-install-recommends "$HERE/$old" mariadb-server mariadb-plugin-mroonga \
		nginx-light libnginx-mod-nchan libjs-leaflet curl procps logrotate >/root/apt.log 2>&1 ||
		{ tail -n 30 /root/apt.log; die "apt-get install"; }
	id madang >/dev/null || die "no madang user"
	if [ ! -s /etc/madang/madang.hdf ] || [ ! -s /etc/madang/secret ]; then die "no configuration"; fi
	grep -Eq '^  password = [0-9a-f]{64}$' /etc/madang/madang.hdf || die "no generated db.password"
	[ "$(stat -c %a:%U:%G /etc/madang/madang.hdf)" = 640:root:madang ] || die "madang.hdf's mode"
	say "the package made the madang user and /etc/madang/madang.hdf with generated secrets"

	install -d -o mysql -g mysql /run/mysqld
	(mariadbd --user=mysql --skip-networking >/var/log/mysql-test.err 2>&1 &)
	for _ in $(seq 1 60); do mariadb -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 1; done
	mariadb -e 'SELECT 1' >/dev/null || die "MariaDB did not start"
	mariadb -N -e 'SHOW ENGINES' | grep -qi mroonga || mariadb </usr/share/mysql/mroonga/install.sql
	say "MariaDB up"

	madangctl setup --help | grep -q 'Usage: madangctl' || die "madangctl setup --help"
	printf 'first-admin-pass-2026\n' | madangctl --config /etc/madang/madang.hdf setup \
		--login kim.admin --name '김민원' --email admin@city.example || die "madangctl setup"
	madangctl --config /etc/madang/madang.hdf setup </dev/null | tee /root/setup2.log || die "setup again"
	grep -q 'administrators: 1 (none created)' /root/setup2.log || die "setup is not idempotent"
	[ "$(migration_applied "$held")" = 0 ] || die "the previous version had migration $held"

	sed -i "s/^    listen 80;/    listen 127.0.0.1:$PORT;/" /etc/nginx/sites-available/madang
	ln -sf ../sites-available/madang /etc/nginx/sites-enabled/madang
	rm -f /etc/nginx/sites-enabled/default
	install -d -m 0711 /run/madang-nchan # the package's tmpfiles.d line
	nginx -t 2>/root/nginx-t.log || { cat /root/nginx-t.log; die "nginx -t"; }
	nginx
	chmod 0666 /run/madang-nchan/nchan.sock # the package's nginx drop-in

	# The "previous version" is the new programs without the newest
	# migration, which they may well use (a real previous version's
	# programs would not): it is installed and set up, and everything runs
	# after the upgrade.
	say "upgrading to $new"
	apt-get install -y -q --no-install-recommends "$HERE/$new" >/root/apt-upgrade.log 2>&1 ||
		{ tail -n 30 /root/apt-upgrade.log; die "the upgrade"; }
	grep 'madang: ' /root/apt-upgrade.log || true
	[ "$(migration_applied "$held")" = 1 ] || die "the upgrade did not apply migration $held"
	say "the upgrade applied migration $held"
	run_unit madang-web.service
	fetch_home
	check_page_cache
	run_unit madang-notifier.service || {
		tail -n 30 /var/log/madang/notifier.log 2>/dev/null || true
		die "madang-notifier --once failed"
	}
	say "madang-notifier --once ran"
	check_app_account
	check_logrotate
	stop_web
	nginx -s stop
	say "passed"
}

if [ "${1:-}" = --in-root ]; then
	shift
	PORT=$1
	shift
	in_root "$@"
	exit
fi

# ----------------------------------------------------------- on this machine

build() {
	local version
	mkdir -p "$OUT"
	rm -rf "$OUT/src" "$OUT"/madang*.deb "$OUT"/madang*.changes "$OUT"/madang*.buildinfo
	mkdir "$OUT/src"
	git ls-files -co --exclude-standard -z | tar --null -T - -cf - | tar -C "$OUT/src" -xf -
	say "dpkg-buildpackage (log: $OUT/build.log)"
	(cd "$OUT/src" && DEB_BUILD_OPTIONS="nocheck parallel=$JOBS" dpkg-buildpackage -b -us -uc) \
		>"$OUT/build.log" 2>&1 || { tail -n 40 "$OUT/build.log"; die "dpkg-buildpackage"; }
	version=$(dpkg-parsechangelog -l debian/changelog -S Version)
	DEB=$OUT/madang_${version}_amd64.deb
	[ -s "$DEB" ] || die "no $DEB"
	say "built $DEB"
	# Errors fail; warnings are listed (and kept in lintian.log).
	lintian --fail-on error --tag-display-limit 0 "$DEB" >"$OUT/lintian.log" 2>&1 ||
		{ cat "$OUT/lintian.log"; die "lintian found errors"; }
	say "lintian: no errors; $(grep -c '^W: ' "$OUT/lintian.log" || true) warnings:"
	grep '^W: ' "$OUT/lintian.log" || true
}

# The package's units, verified in a root of its own files (the programs
# they name exist there) beside this machine's units (the targets they
# name) and kill (ExecReload); any message fails.
verify_units() {
	local root=$OUT/verify
	rm -rf "$root"
	dpkg-deb -x "$DEB" "$root"
	cp -an /lib/systemd/system/. "$root/lib/systemd/system/"
	install -D /bin/kill "$root/bin/kill"
	(cd "$root" && systemd-analyze verify --root="$root" --man=no \
		lib/systemd/system/madang-web.service lib/systemd/system/madang-notifier.service \
		lib/systemd/system/madang-notifier.timer lib/systemd/system/madang-mailin.service) \
		>"$OUT/verify.log" 2>&1 || { cat "$OUT/verify.log"; die "systemd-analyze verify"; }
	if [ -s "$OUT/verify.log" ]; then
		cat "$OUT/verify.log"
		die "systemd-analyze verify"
	fi
	say "systemd-analyze verify: the units are clean"
}

# The previous version: the same files but the newest migration, version
# VERSION~prev (lower than VERSION).
make_previous() {
	local dir=$OUT/prev version newest
	rm -rf "$dir"
	dpkg-deb -R "$DEB" "$dir"
	newest=$(find "$dir/usr/share/madang/db/migrations" -name '[0-9]*.sql' -printf '%f\n' | sort | tail -n 1)
	HELD=$((10#${newest%%_*}))
	rm "$dir/usr/share/madang/db/migrations/$newest"
	sed -i "\\| usr/share/madang/db/migrations/$newest\$|d" "$dir/DEBIAN/md5sums"
	version=$(sed -n 's/^Version: //p' "$dir/DEBIAN/control")
	sed -i "s/^Version: .*/Version: $version~prev/" "$dir/DEBIAN/control"
	PREV=$OUT/madang_${version}~prev_amd64.deb
	dpkg-deb --root-owner-group -b "$dir" "$PREV" >/dev/null
	say "previous version $version~prev without $newest: $PREV"
}

[ "$(id -u)" = 0 ] || die "needs root (dpkg-buildpackage, fresh-debian)"
DEB=$OUT/madang_$(dpkg-parsechangelog -l debian/changelog -S Version)_amd64.deb
# DEB_TEST_REUSE=1: test the package built last (while working on this script)
if [ "${DEB_TEST_REUSE:-0}" = 1 ] && [ -s "$DEB" ]; then say "reusing $DEB"; else build; fi
[ "${1:-}" = build ] && exit 0
verify_units
make_previous

FRESH=${FRESH_DEBIAN:-../shared/tools/fresh-debian}
[ -x "$FRESH" ] || die "$FRESH missing (set FRESH_DEBIAN)"
# fresh-debian clones a repository into its root: one holding the two
# packages and this script.
carry=$(mktemp -d)
trap 'rm -rf "$carry"' EXIT
# (Plain names: apt-get takes no '~' in a file name.)
cp "$PREV" "$carry/madang-prev.deb"
cp "$DEB" "$carry/madang-new.deb"
cp scripts/deb-test.sh "$carry/"
git -C "$carry" init -q
git -C "$carry" add .
git -C "$carry" -c user.name=deb-test -c user.email=deb-test@localhost commit -qm packages
say "fresh Debian 12 root: install, setup, serve on port $PORT, upgrade"
"$FRESH" "$carry" -- "bash deb-test.sh --in-root $PORT madang-prev.deb madang-new.deb $HELD"
say "passed in ${SECONDS}s"
