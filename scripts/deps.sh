#!/bin/sh
# SPDX-License-Identifier: AGPL-3.0-or-later
# deps.sh: install the Debian 12 packages Madang needs.
#
#   scripts/deps.sh run     build tools, libraries, MariaDB, nginx
#   scripts/deps.sh test    run + unit/e2e test tools (cmocka, clang, Perl LWP,
#                           Chromium, Korean fonts and Node.js for the browser walk)
#   scripts/deps.sh bench   test + benchmark tools (wrk, PHP-FPM reference)
#   scripts/deps.sh deb     run + the Debian packaging tools (make deb,
#                           make test-deb only)
#   scripts/deps.sh cluster test + the Galera test cluster (make test-cluster)
#
# Fast and silent when everything is installed already (one dpkg-query).
# Otherwise runs apt-get update and apt-get install; never starts or stops
# system services (a temporary policy-rc.d forbids it during the install).
set -eu

RUN_PKGS="build-essential cmake pkg-config libfcgi-dev libmariadb-dev
mariadb-server mariadb-client mariadb-plugin-mroonga clearsilver-dev
libesmtp-dev libxml2-dev libsodium-dev libjansson-dev libmagic-dev
libcurl4-openssl-dev nginx-light curl python3-aiosmtpd kannel kannel-extras
libgmime-3.0-dev libjs-leaflet libxlsxwriter-dev liboath-dev libqrencode-dev
libzip-dev libical-dev libnginx-mod-nchan"
# libnginx-mod-nchan: the communities' live chat; nginx holds the listeners
# (deploy/nginx/madang.conf; the test stack's nginx loads it, scripts/stack.sh).
# libxlsxwriter-dev: the reports' XLSX export (app/web/page_reports.c).
# libzip-dev: the citizen's "my data" download (app/web/page_rights.c).
# libgmime-3.0-dev: madang-mailin's MIME parser (e-mail intake);
# libjs-leaflet: the location map, served by nginx from /usr/share/javascript.
# libical-dev: the community calendar's iCalendar feed (lib/calendar/ical.c).
# liboath-dev: staff's two-factor codes (TOTP); libqrencode-dev: the QR code
# of its enrolment (lib/auth/totp.c).
# python3-aiosmtpd: scripts/smtp-sink.py, the SMTP server that `make run`, the
# tests and the benchmark send mail to (run, and so test and bench too).
# kannel: bearerbox + smsbox for SMS notices; kannel-extras: its fakesmsc
# (/usr/lib/kannel/test/fakesmsc), the SMSC of `make run` and the tests
# (scripts/kannel.sh runs them in a private folder, never Debian's service).
# Perl: LWP::UserAgent is libwww-perl, HTTP::Request::Common is
# libhttp-message-perl, HTTP::Cookies is libhttp-cookies-perl; Test::More,
# File::Temp, JSON::PP and prove come with perl itself.
# The browser walk (t/browser): Debian's headless Chromium (playwright-core
# drives it and never downloads a browser of its own), CJK fonts so Korean
# pages render (axe-core measures contrast on the rendered text), Node.js.
TEST_PKGS="libcmocka-dev clang libclang-rt-14-dev perl libwww-perl
libhttp-message-perl libhttp-cookies-perl chromium fonts-noto-cjk nodejs
dovecot-imapd python3-jsonschema python3-openpyxl python3-icalendar
mariadb-backup"
# python3-openpyxl: t/e2e/200-reports.t reads the XLSX export back.
# python3-icalendar: t/e2e/330-calendar.t reads the calendar feed back.
# mariadb-backup: scripts/backup.sh, drilled by t/e2e/511-backup-restore.t
# (a production host installs it to take backups: docs/operations.md).
# dovecot-imapd: the real IMAP server madang-mailin's tests poll (a private
# instance per test under its stack folder, never Debian's service);
# python3-jsonschema: the Open311 answers checked against the specification's
# JSON Schemas.
# Debian's npm only where npm is missing: a Node.js build that brings its
# own npm (NodeSource's nodejs) conflicts with the npm package.
command -v npm >/dev/null 2>&1 || TEST_PKGS="$TEST_PKGS npm"
# postfix: only for its smtp-source, bench/notifier's reference sender.
# Installed as "No configuration" (debconf, below): no main.cf, so no mail
# system runs or listens, and policy-rc.d keeps its service from starting.
# unzip: bench/export counts the rows of the exported sheet.
BENCH_PKGS="wrk php-fpm php-mysql postfix unzip"
# make deb: debhelper builds the package (debian/), help2man makes the
# programs' manual pages from their --help, lintian checks it;
# make test-deb: systemd-analyze verifies the units (the systemd package),
# fresh-debian's mmdebstrap makes the root it installs into.
DEB_PKGS="debhelper dpkg-dev help2man lintian systemd mmdebstrap"

# galera-4: the replication library of scripts/cluster.sh's three nodes;
# rsync: their state transfers (SST) and wsrep_sst_rsync's daemon.
CLUSTER_PKGS="galera-4 rsync"

usage() {
	echo "usage: $0 run|test|bench|deb|cluster" >&2
	exit 2
}

[ $# -eq 1 ] || usage
case "$1" in
run) PKGS="$RUN_PKGS" ;;
test) PKGS="$RUN_PKGS $TEST_PKGS" ;;
bench) PKGS="$RUN_PKGS $TEST_PKGS $BENCH_PKGS" ;;
deb) PKGS="$RUN_PKGS $DEB_PKGS" ;;
cluster) PKGS="$RUN_PKGS $TEST_PKGS $CLUSTER_PKGS" ;;
*) usage ;;
esac

# Which of PKGS are not fully installed? One dpkg-query prints a line per
# package it knows; unknown ones only produce an error on stderr.
# shellcheck disable=SC2016,SC2086 # ${...} is dpkg's format, not the shell's
installed=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' $PKGS \
	2>/dev/null | awk '$2 == "installed" { printf " %s", $1 } END { print " " }' || true)
missing=""
for p in $PKGS; do
	case "$installed" in
	*" $p "*) ;;
	*) missing="$missing $p" ;;
	esac
done
[ -n "$missing" ] || exit 0

echo "deps.sh: installing:$missing" >&2

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null 2>&1 || {
		echo "deps.sh: not root and no sudo; install as root:$missing" >&2
		exit 1
	}
	SUDO="sudo"
fi

# Keep mariadb-server and nginx from starting system services on install.
# Only a policy-rc.d we created ourselves is removed afterwards.
POLICY=/usr/sbin/policy-rc.d
created_policy=0
cleanup() {
	if [ "$created_policy" -eq 1 ]; then
		$SUDO rm -f "$POLICY"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
if [ ! -e "$POLICY" ]; then
	printf '#!/bin/sh\n# temporary, from madang scripts/deps.sh\nexit 101\n' |
		$SUDO tee "$POLICY" >/dev/null
	$SUDO chmod 0755 "$POLICY"
	created_policy=1
fi

export DEBIAN_FRONTEND=noninteractive
case " $missing " in
*" postfix "*)
	echo "postfix postfix/main_mailer_type select No configuration" |
		$SUDO debconf-set-selections
	;;
esac
# shellcheck disable=SC2086 # word splitting of the package list is wanted
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
# shellcheck disable=SC2086
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	--no-install-recommends $missing
