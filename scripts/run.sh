#!/bin/bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# run.sh: serve Madang locally with demo data until Ctrl-C (used by make run).
#
# The stack (MariaDB, madang-web, nginx) lives in REPO/var and keeps its data
# from one run to the next. Binaries from $MADANG_BUILD (default REPO/build);
# dependencies and the build are make's job. $MADANG_PORT overrides 8080.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VAR=$REPO/var
PORT=${MADANG_PORT:-8080}
STACK=$REPO/scripts/stack.sh
URL=http://127.0.0.1:$PORT

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
	"$STACK" stop "$VAR" 9>&- || true
}
trap 'stop; exit 0' INT
trap 'stop; exit 0' TERM HUP
trap stop EXIT

"$STACK" start "$VAR" "$PORT" --seed 9>&-

echo
echo "Madang is running at $URL/"
if [ -s "$VAR/run/demo-logins.txt" ]; then
	echo "Demo logins (from madangctl seed-demo; kept in var/run/demo-logins.txt):"
	sed 's/^/  /' "$VAR/run/demo-logins.txt"
fi
echo "Logs: $VAR/log/  Press Ctrl-C to stop."

# Stay in the foreground; notice when the app or nginx goes away. Once a
# minute, do what cron does in production (deploy/cron/madang): escalate
# idle cases and hand over the work of absent staff.
ticks=0
while :; do
	sleep 2 &
	wait $! || true
	ticks=$((ticks + 1))
	if [ $((ticks % 30)) -eq 0 ]; then
		"${MADANG_BUILD:-$REPO/build}/madangctl" --config "$VAR/madang.hdf" tick \
			>>"$VAR/log/tick.log" 2>&1 9>&- || echo "run: madangctl tick failed (see $VAR/log/tick.log)" >&2
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
