#!/bin/bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# run.sh: serve Madang locally with demo data until Ctrl-C (used by make run).
#
# The stack (MariaDB, madang-web, nginx) lives in REPO/var and keeps its data
# from one run to the next, with the notifier (madang-notifier --loop), an
# SMTP sink that keeps every mail in var/mail/ and Kannel with a fake SMSC
# whose messages land in var/kannel/fakesmsc.log. Binaries from
# $MADANG_BUILD (default REPO/build); dependencies and the build are make's
# job. $MADANG_PORT overrides 8080; the sink listens on that port + 25.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VAR=$REPO/var
PORT=${MADANG_PORT:-8080}
STACK=$REPO/scripts/stack.sh
URL=http://127.0.0.1:$PORT
BUILD=${MADANG_BUILD:-$REPO/build}
SMTP_PORT=$((PORT + 25))
NOTIFIER_PID=""

mkdir -p "$VAR/run"
# One run.sh per var/: a second one would stop the first one's stack.
exec 9>"$VAR/run/run.lock"
if ! flock -n 9; then
	echo "run: already being served at $URL by another scripts/run.sh"
	exit 0
fi

stopping=0
stop() {
	[ "$stopping" -eq 0 ] || return 0
	stopping=1
	echo
	echo "run: stopping"
	if [ -n "$NOTIFIER_PID" ]; then
		# SIGTERM: it finishes the batch in hand, then exits (on Ctrl-C
		# it has had SIGINT already, as one of the terminal's group).
		# Polled rather than bash's wait, which can miss an exit that
		# came while the trap began and then block on the SMTP sink,
		# also our child, forever: make run then hung on Ctrl-C. Bash
		# reaps the notifier as it ends, so kill -0 fails then.
		kill -TERM "$NOTIFIER_PID" 2>/dev/null || true
		local tries=0
		while kill -0 "$NOTIFIER_PID" 2>/dev/null && [ "$tries" -lt 300 ]; do
			sleep 0.1
			tries=$((tries + 1))
		done
	fi
	"$STACK" stop "$VAR" 9>&- || true
	[ ! -s "$VAR/kannel/env" ] || "$REPO/scripts/kannel.sh" stop "$VAR/kannel" 9>&- >/dev/null 2>&1 || true
	if [ -s "$VAR/run/smtp-sink.pid" ]; then
		sink=$(tr -dc 0-9 <"$VAR/run/smtp-sink.pid")
		# Only our sink: a stale pid file may name a reused pid.
		if [ -n "$sink" ] && grep -q smtp-sink "/proc/$sink/cmdline" 2>/dev/null; then
			kill -TERM "$sink" 2>/dev/null || true
		fi
		rm -f "$VAR/run/smtp-sink.pid"
	fi
}
trap 'stop; exit 0' INT
trap 'stop; exit 0' TERM HUP
trap stop EXIT

# The notifier's transports: every mail to the sink, every SMS to Kannel's
# fake SMSC (when Debian's kannel is installed; otherwise SMS wait).
mkdir -p "$VAR/mail" "$VAR/log"
if (exec 3<>"/dev/tcp/127.0.0.1/$SMTP_PORT") 2>/dev/null; then
	echo "run: port $SMTP_PORT (the SMTP sink's) is in use" >&2
	exit 1
fi
setsid /usr/bin/python3 "$REPO/scripts/smtp-sink.py" --port "$SMTP_PORT" --dir "$VAR/mail" \
	--pidfile "$VAR/run/smtp-sink.pid" --log "$VAR/log/smtp-sink.log" </dev/null >/dev/null 2>&1 9>&- &
sms_env=""
# SMS intake: smsbox passes texts from phones (scripts/kannel.sh mo) to
# /sms/in with this key; stack.sh keeps the file and configures the same.
if [ ! -s "$VAR/run/sms-in-secret" ]; then
	(umask 077 && od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$VAR/run/sms-in-secret.tmp" &&
		echo >>"$VAR/run/sms-in-secret.tmp")
	mv "$VAR/run/sms-in-secret.tmp" "$VAR/run/sms-in-secret"
fi
if [ -x /usr/sbin/bearerbox ] &&
	KANNEL_MO_URL="$URL/sms/in?secret=$(tr -d '\n' <"$VAR/run/sms-in-secret")" \
		"$REPO/scripts/kannel.sh" start "$VAR/kannel" 9>&- >"$VAR/log/kannel.out" 2>&1; then
	sms_env=$VAR/kannel/env
else
	echo "run: Kannel did not start (see $VAR/log/kannel.out): SMS wait in the outbox" >&2
fi
MADANG_PAGE_CACHE=1 MADANG_MAIL_PORT=$SMTP_PORT MADANG_SMS_ENV=$sms_env MADANG_SMS_IN_CATEGORY=10 "$STACK" start "$VAR" "$PORT" --seed 9>&-
"$BUILD/madang-notifier" --config "$VAR/madang.hdf" --loop </dev/null >>"$VAR/log/notifier.out" 2>&1 9>&- &
NOTIFIER_PID=$!

echo
echo "Madang is running at $URL/"
if [ -s "$VAR/run/demo-logins.txt" ]; then
	echo "Demo logins (from madangctl seed-demo; kept in var/run/demo-logins.txt):"
	sed 's/^/  /' "$VAR/run/demo-logins.txt"
fi
echo "Mail the notifier sends: $VAR/mail/ (one .eml per message)"
echo "SMS: $VAR/kannel/fakesmsc.log"
[ -z "$sms_env" ] || echo "SMS from a phone: scripts/kannel.sh mo var/kannel 010-1234-5678 15880000 '집 앞 도로가 파손되었어요'"
echo "E-mail intake (minwon@madang.example): $BUILD/madang-mailin --config $VAR/madang.hdf --stdin < t/mail/sample.eml"
echo "Logs: $VAR/log/ (the notifier's: notifier.log)  Press Ctrl-C to stop."

# Stay in the foreground; notice when the app, nginx or the notifier goes
# away. The notifier (--loop) does what cron does in production
# (deploy/cron/madang): escalation, the deadline scan and the outbox.
while :; do
	# Not holding the lock (9>&-): a background job ignores Ctrl-C and
	# would keep it up to 2 s after run.sh has gone.
	sleep 2 9>&- &
	wait $! || true
	if ! kill -0 "$NOTIFIER_PID" 2>/dev/null; then
		echo "run: madang-notifier is gone; see $VAR/log/notifier.log and notifier.out" >&2
		exit 1
	fi
	if [ ! -s "$VAR/run/web.pid" ] || ! kill -0 "$(cat "$VAR/run/web.pid")" 2>/dev/null; then
		echo "run: madang-web is gone; last lines of its logs:" >&2
		tail -n 20 "$VAR/log/web.out" "$VAR/log/web.log" 2>/dev/null >&2 || true
		exit 1
	fi
	if [ ! -s "$VAR/nginx/nginx.pid" ] || ! kill -0 "$(cat "$VAR/nginx/nginx.pid")" 2>/dev/null; then
		echo "run: nginx is gone; see $VAR/log/nginx-error.log" >&2
		exit 1
	fi
done
