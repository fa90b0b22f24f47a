#!/bin/bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# kannel.sh: run a private Kannel (bearerbox + smsbox + fakesmsc) in DIR.
#
#   scripts/kannel.sh start DIR          start all three on free loopback ports
#   scripts/kannel.sh stop DIR           stop all three and wait for them
#   scripts/kannel.sh smsbox-stop DIR    stop only smsbox (sendsms refuses
#                                        connections: the "gateway down" fault)
#   scripts/kannel.sh smsbox-start DIR   start smsbox again on the same port
#   scripts/kannel.sh mo DIR FROM TO TEXT  a phone FROM sends TEXT (UTF-8) to
#                                        TO: fakesmsc is restarted to send it
#                                        as UCS-2 (it takes messages only on
#                                        its command line), then prints replies
#
# KANNEL_MO_URL (start): where smsbox passes messages from phones, Madang's
# /sms/in?secret=... (post-url: the text as the body); default a closed
# port (no intake).
#
# Installs nothing (scripts/deps.sh run|test brings kannel and kannel-extras)
# and touches nothing outside DIR: no /etc/kannel, no /var/log/kannel, every
# log, pid and store file is in DIR. Debian's kannel package may run a system
# bearerbox from /etc/kannel/kannel.conf (ports 13000-13013); ours picks its
# own free ports, so the two do not meet.
#
# DIR/ after start:
#   kannel.conf      filled from deploy/kannel/kannel.conf.in
#   env              SENDSMS_URL=..., SENDSMS_USER=..., ports (shell syntax)
#   fakesmsc.log     one line per message the fake SMSC received:
#                    "... fakesmsc: got message N: <FROM TO TYPE DATA>"
#   bearerbox.log smsbox.log *-access.log *.out   the daemons' logs
#   *.pid            what stop kills
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TEMPLATE=$REPO/deploy/kannel/kannel.conf.in
BEARERBOX=${KANNEL_BEARERBOX:-/usr/sbin/bearerbox}
SMSBOX=${KANNEL_SMSBOX:-/usr/sbin/smsbox}
FAKESMSC=${KANNEL_FAKESMSC:-/usr/lib/kannel/test/fakesmsc}

say() { echo "kannel: $*"; }
die() {
	echo "kannel: error: $*" >&2
	exit 1
}
usage() {
	echo "usage: $0 start|stop|smsbox-stop|smsbox-start DIR | mo DIR FROM TO TEXT" >&2
	exit 2
}

# alive NAME: true when DIR/NAME.pid names a live process called NAME (a
# stale pid file naming a reused pid does not count; nor does a zombie).
alive() {
	local f=$DIR/$1.pid pid state
	[ -s "$f" ] || return 1
	pid=$(head -n1 "$f" | tr -dc 0-9)
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
	[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$1" ] || return 1
	state=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$pid/status" 2>/dev/null)
	[ "$state" != Z ]
}

# halt NAME: SIGTERM, up to 10 s, then SIGKILL; removes the pid file.
halt() {
	local i
	if alive "$1"; then
		kill "$(cat "$DIR/$1.pid")" 2>/dev/null || true
		for ((i = 0; i < 100; i++)); do
			alive "$1" || break
			sleep 0.1
		done
		if alive "$1"; then
			say "$1 ignored SIGTERM; killing it"
			kill -KILL "$(cat "$DIR/$1.pid")" 2>/dev/null || true
			sleep 0.2
		fi
	fi
	rm -f "$DIR/$1.pid"
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

randhex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }

# http_code URL: the HTTP status of a GET, 000 when nothing answers.
http_code() {
	curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" 2>/dev/null || true
}

tail_logs() {
	local f
	for f in "$DIR"/bearerbox.out "$DIR"/bearerbox.log "$DIR"/smsbox.out \
		"$DIR"/smsbox.log "$DIR"/fakesmsc.log; do
		[ -s "$f" ] || continue
		echo "---- tail $f" >&2
		tail -n 15 "$f" >&2
	done
}

# spawn NAME CMD...: starts CMD in the background with its output in
# DIR/NAME.out (fakesmsc: DIR/fakesmsc.log) and its pid in DIR/NAME.pid.
spawn() {
	local name=$1 out
	shift
	out=$DIR/$name.out
	[ "$name" = fakesmsc ] && out=$DIR/fakesmsc.log
	# setsid: a Ctrl-C meant for the caller's terminal does not reach them;
	# stop is the way to end them. stdbuf: fakesmsc's lines reach the log
	# as they are printed (gwlib logs to stderr, unbuffered, but be sure).
	setsid stdbuf -oL -eL "$@" </dev/null >>"$out" 2>&1 &
	echo $! >"$DIR/$name.pid"
}

# wait_for SECONDS DESCRIPTION COMMAND...: polls COMMAND every 0.1 s.
wait_for() {
	local secs=$1 what=$2 i
	shift 2
	for ((i = 0; i < secs * 10; i++)); do
		"$@" && return 0
		sleep 0.1
	done
	tail_logs
	die "$what did not happen within ${secs} s"
}

sendsms_answers() {
	local c
	c=$(http_code "http://127.0.0.1:$SENDSMS_PORT/cgi-bin/sendsms")
	[ "$c" != 000 ]
}

smsc_online() {
	curl -s --max-time 2 \
		"http://127.0.0.1:$ADMIN_PORT/status.txt?password=$ADMIN_PASSWORD" 2>/dev/null |
		grep -q 'fake.*online'
}

admin_answers() { [ "$(http_code "http://127.0.0.1:$ADMIN_PORT/status.txt")" != 000 ]; }

# pick_ports: five distinct free ports below the ephemeral range, at random
# so parallel test files rarely collide (a collision fails start, and
# Madang::Kannel retries with new ports).
pick_ports() {
	local try base ok p
	for ((try = 0; try < 100; try++)); do
		base=$((10000 + (RANDOM % 1800) * 5))
		ok=1
		for p in $base $((base + 1)) $((base + 2)) $((base + 3)); do
			port_busy "$p" && ok=0
		done
		if [ $ok = 1 ]; then
			ADMIN_PORT=$base SMSBOX_PORT=$((base + 1))
			SMSC_PORT=$((base + 2)) SENDSMS_PORT=$((base + 3))
			return 0
		fi
	done
	die "no free ports found"
}

write_conf() {
	local max_messages=${KANNEL_MAX_MESSAGES:-10}
	sed -e "s|@DIR@|$DIR|g" \
		-e "s|@ADMIN_PORT@|$ADMIN_PORT|g" \
		-e "s|@ADMIN_PASSWORD@|$ADMIN_PASSWORD|g" \
		-e "s|@SMSBOX_PORT@|$SMSBOX_PORT|g" \
		-e "s|@SMSC_PORT@|$SMSC_PORT|g" \
		-e "s|@SENDSMS_PORT@|$SENDSMS_PORT|g" \
		-e "s|@USER@|$SENDSMS_USER|g" \
		-e "s|@PASSWORD@|$SENDSMS_PASSWORD|g" \
		-e "s|@FROM@|${KANNEL_FROM:-15880000}|g" \
		-e "s|@MAX_MESSAGES@|$max_messages|g" \
		-e "s|@MO_URL@|${KANNEL_MO_URL:-http://127.0.0.1:9/sms/in?secret=none}|g" \
		"$TEMPLATE" >"$DIR/kannel.conf.tmp"
	chmod 0600 "$DIR/kannel.conf.tmp"
	mv "$DIR/kannel.conf.tmp" "$DIR/kannel.conf"
	cat >"$DIR/env.tmp" <<EOF
SENDSMS_URL=http://127.0.0.1:$SENDSMS_PORT/cgi-bin/sendsms
SENDSMS_USER=$SENDSMS_USER
SENDSMS_PASSWORD=$SENDSMS_PASSWORD
SENDSMS_PORT=$SENDSMS_PORT
ADMIN_PORT=$ADMIN_PORT
ADMIN_PASSWORD=$ADMIN_PASSWORD
SMSBOX_PORT=$SMSBOX_PORT
SMSC_PORT=$SMSC_PORT
FAKESMSC_LOG=$DIR/fakesmsc.log
EOF
	chmod 0600 "$DIR/env.tmp"
	mv "$DIR/env.tmp" "$DIR/env"
}

load_env() {
	[ -s "$DIR/env" ] || die "$DIR/env missing: was kannel.sh start run on $DIR?"
	# shellcheck disable=SC1091 # written by write_conf above
	. "$DIR/env"
}

start_smsbox() {
	alive smsbox && return 0
	spawn smsbox "$SMSBOX" -v 1 "$DIR/kannel.conf"
	wait_for 20 "smsbox answering on $SENDSMS_PORT" sendsms_answers
}

start() {
	local f
	for f in "$BEARERBOX" "$SMSBOX" "$FAKESMSC"; do
		[ -x "$f" ] || die "$f missing: run scripts/deps.sh test (kannel, kannel-extras)"
	done
	[ -r "$TEMPLATE" ] || die "$TEMPLATE missing"
	mkdir -p "$DIR"
	DIR=$(cd "$DIR" && pwd)
	if alive bearerbox; then
		load_env
		say "already running in $DIR"
		alive fakesmsc || die "bearerbox runs but fakesmsc does not: stop and start again"
		start_smsbox
		return 0
	fi
	rm -f "$DIR"/*.pid
	# The store is one file (store-type = file) that bearerbox creates and,
	# on each start, moves to .bak before writing a new one. An empty folder
	# by those names (left by an earlier version of this script) would stop
	# the second start in the same DIR: remove it.
	rmdir "$DIR/bearerbox.store" "$DIR/bearerbox.store.bak" 2>/dev/null || true
	pick_ports
	SENDSMS_USER=madang
	SENDSMS_PASSWORD=$(randhex 12)
	ADMIN_PASSWORD=$(randhex 12)
	write_conf
	# Bearerbox first (it opens the SMSC, smsbox and admin ports), then the
	# fake SMSC connects to it, then smsbox; each waits for the one before.
	spawn bearerbox "$BEARERBOX" -v 1 "$DIR/kannel.conf"
	wait_for 20 "bearerbox admin on $ADMIN_PORT" admin_answers
	# -m 0: send no messages of its own, only print what arrives.
	spawn fakesmsc "$FAKESMSC" -H 127.0.0.1 -r "$SMSC_PORT" -m 0 "0 0 text none"
	wait_for 20 "fake SMSC online" smsc_online
	start_smsbox
	say "running in $DIR: sendsms on 127.0.0.1:$SENDSMS_PORT"
}

stop() {
	[ -d "$DIR" ] || return 0
	# smsbox first so nothing new arrives, fakesmsc last so bearerbox can
	# hand over what it holds.
	halt smsbox
	halt bearerbox
	halt fakesmsc
	say "stopped in $DIR"
}

# mo FROM TO TEXT: fakesmsc holds bearerbox's only fake-SMSC connection and
# sends only what its command line gives: stop it, start one that sends
# this message (UCS-2, URL-encoded) once and then keeps printing replies.
mo() {
	local from=$1 to=$2 text=$3 data
	[[ $from =~ ^\+?[0-9-]+$ && $to =~ ^\+?[0-9-]+$ ]] || die "FROM and TO are phone numbers (digits, - and a leading +)"
	[ -n "$text" ] || die "TEXT is empty"
	DIR=$(cd "$DIR" && pwd)
	load_env
	alive bearerbox || die "bearerbox is not running in $DIR"
	data=$(printf '%s' "$text" | iconv -f UTF-8 -t UTF-16BE | od -An -v -tx1 | tr -s ' \n' ' ')
	data=$(echo "$data" | sed -e 's/^ *//' -e 's/ *$//' -e 's/ /%/g' -e 's/^/%/')
	halt fakesmsc
	wait_for 20 "fake SMSC offline" smsc_offline
	spawn fakesmsc "$FAKESMSC" -H 127.0.0.1 -r "$SMSC_PORT" -m 1 "$from $to ucs2 $data"
	wait_for 20 "fake SMSC online" smsc_online
}

smsc_offline() { ! smsc_online; }

[ $# -eq 2 ] || { [ $# -eq 5 ] && [ "$1" = mo ]; } || usage
DIR=$2
case "$1" in
mo) mo "$3" "$4" "$5" ;;
start) start ;;
stop) stop ;;
smsbox-stop) halt smsbox ;;
smsbox-start)
	load_env
	alive bearerbox || die "bearerbox is not running in $DIR"
	start_smsbox
	;;
*) usage ;;
esac
