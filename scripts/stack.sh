#!/bin/bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# stack.sh: run a private Madang stack (MariaDB, madang-web, nginx) in DIR.
#
#   scripts/stack.sh start DIR PORT [--seed]   start (or restart) the stack;
#                                              http://127.0.0.1:PORT/
#   scripts/stack.sh stop DIR                  stop whatever runs in DIR
#
# Nothing outside DIR is touched: MariaDB gets its own datadir and socket,
# nginx its own prefix, and no system service is started or stopped.
# Binaries come from $MADANG_BUILD (default: the repository's build/);
# $MADANG_WORKERS sets web.workers (default 4).
# $MADANG_PAGE_CACHE=1 lets the public page cache store pages (cache.store;
# in DIR/cache; scripts/run.sh sets it, a test chooses; default 0).
# The notifier's transports (madang-notifier is run by the caller, not here):
#   $MADANG_MAIL_PORT  an SMTP server on 127.0.0.1 (e.g. scripts/smtp-sink.py):
#                      mail.host/port, no STARTTLS, mail.from
#   $MADANG_SMS_ENV    the env file of scripts/kannel.sh start: sms.url, user,
#                      password, and delivery reports to this stack's /sms/dlr
#   $MADANG_SMS_IN_CATEGORY  SMS intake on: sms.in_category and sms.in_secret
#                      (DIR/run/sms-in-secret, for Kannel's post-url to /sms/in)
# Without them mail goes to localhost:25 and SMS wait in the outbox (sms.url
# empty), so a test stack never reaches a real gateway. notifier.log is
# DIR/log/notifier.log. The monthly reports to managers are off
# (notifier.monthly_reports 0): a test that wants them turns them on.
#
# The configuration says demo = 1: these stacks are for trying Madang and
# for tests, and madangctl seed-demo refuses any other configuration.
# The database has two accounts, the migrator and the app's (db_setup).
#
# DIR/ layout: madang.hdf (the config, 0600: holds the DB passwords)
#   mysql/data    MariaDB datadir          run/  sockets, pids, secrets
#   log/          all logs                 nginx/ nginx prefix and temp dirs
#   uploads/ tmp/ web.uploads, web.tmp
# A second start on the same DIR keeps the data.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${MADANG_BUILD:-$REPO/build}
case "$BUILD" in /*) ;; *) BUILD="$PWD/$BUILD" ;; esac
WORKERS=${MADANG_WORKERS:-4}
NGINX_WORKERS=${MADANG_NGINX_WORKERS:-1}
ADMIN_USER=$(id -un)       # MariaDB account with unix_socket auth (see init)
STARTED=()                 # what this invocation started, for cleanup
DB_EXTRA_ARGS=()           # more mariadbd options (scripts/cluster.sh: Galera)

say() { echo "stack: $*"; }
die() {
	echo "stack: error: $*" >&2
	exit 1
}

usage() {
	echo "usage: $0 start DIR PORT [--seed] | stop DIR" >&2
	exit 2
}

# alive PIDFILE NAME: true when the pid in PIDFILE runs a program NAME
# (guards against a stale pid file naming a reused pid, and zombies).
alive() {
	local pid state
	[ -s "$1" ] || return 1
	pid=$(head -n1 "$1" 2>/dev/null | tr -dc 0-9)
	[ -n "$pid" ] || return 1
	kill -0 "$pid" 2>/dev/null || return 1
	[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ] || return 1
	state=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$pid/status" 2>/dev/null)
	[ "$state" != Z ]
}

pidof_file() { head -n1 "$1" 2>/dev/null | tr -dc 0-9; }

# wait_gone PIDFILE NAME SECONDS: true once the process has exited.
wait_gone() {
	local i
	for ((i = 0; i < $3 * 10; i++)); do
		alive "$1" "$2" || return 0
		sleep 0.1
	done
	return 1
}

# port_busy PORT: true when something listens on 127.0.0.1:PORT.
port_busy() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

randhex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }

tail_logs() {
	local f
	for f in "$DIR/log/mysqld.err" "$DIR/log/web.log" "$DIR/log/web.out" \
		"$DIR/log/nginx-error.log" "$DIR/log/ctl.log"; do
		[ -s "$f" ] || continue
		echo "---- tail $f" >&2
		tail -n 25 "$f" >&2
	done
}

# Paths end up unquoted in nginx and HDF files: refuse characters that
# would need quoting there.
check_path() {
	case "$1" in
	*[[:space:]\;\{\}\#\'\"\\\|\&\$]*) die "unsupported character in path: $1" ;;
	esac
}

set_dirs() {
	[ -n "$1" ] || usage
	mkdir -p "$1"
	DIR=$(cd "$1" && pwd)
	check_path "$DIR"
	check_path "$REPO"
	RUN=$DIR/run
	LOG=$DIR/log
	HDF=$DIR/madang.hdf
	DB_SOCK=$RUN/mysqld.sock
	DB_PID=$RUN/mysqld.pid
	WEB_PID=$RUN/web.pid
	WEB_SOCK=$RUN/web.sock
	NCHAN_SOCK=$RUN/nchan.sock
	NGX=$DIR/nginx
	NGX_PID=$NGX/nginx.pid
	# sun_path holds 108 bytes.
	[ "${#DB_SOCK}" -lt 100 ] || die "path too long for a unix socket: $DB_SOCK"
}

# shellcheck disable=SC2120 # callers may pass extra client options
db_client() {
	mariadb --no-defaults --socket="$DB_SOCK" -u "$ADMIN_USER" \
		--default-character-set=utf8mb4 "$@"
}

db_ping() {
	mariadb-admin --no-defaults --socket="$DB_SOCK" -u "$ADMIN_USER" \
		--connect-timeout=2 ping >/dev/null 2>&1
}

# ---------------------------------------------------------------- MariaDB

pick_db_port() {
	local p
	if [ -s "$RUN/db.port" ]; then
		p=$(tr -dc 0-9 <"$RUN/db.port")
		if [ -n "$p" ] && ! port_busy "$p"; then
			echo "$p"
			return
		fi
	fi
	p=$((PORT + 1000))
	while [ "$p" -le 65535 ]; do
		port_busy "$p" || { echo "$p"; return; }
		p=$((p + 1))
		[ "$p" -lt $((PORT + 1200)) ] || break
	done
	for ((p = 20000; p < 30000; p += 7)); do
		port_busy "$p" || { echo "$p"; return; }
	done
	die "no free port for MariaDB"
}

db_init() {
	local user_opt=()
	[ -d "$DIR/mysql/data/mysql" ] && return 0
	say "initialising MariaDB datadir $DIR/mysql/data"
	rm -rf "$DIR/mysql/data"
	mkdir -p "$DIR/mysql/data"
	# The admin account is MariaDB's root when we are root, otherwise one
	# named after the current user; either way unix_socket authentication
	# (no password, only for this OS user over the private socket).
	# --force: skip its check that the host name resolves (it fails where no
	# /etc/hosts names this host, e.g. a fresh container or chroot); the
	# server runs with --skip-name-resolve and never looks names up.
	[ "$(id -u)" -eq 0 ] && user_opt=(--user=root)
	# Its own tmpdir: the bootstrap's temporary tables are files named
	# after the process id in the tmpdir, and installs running side by side
	# in a shared /tmp (parallel tests) failed now and then with "Unknown
	# table 'mysql.tmp_user_sys'" (3 of 18 in a trial of six at a time).
	mkdir -p "$DIR/mysql/tmp"
	if ! mariadb-install-db --no-defaults --datadir="$DIR/mysql/data" \
		--tmpdir="$DIR/mysql/tmp" "${user_opt[@]}" --auth-root-authentication-method=socket \
		--auth-root-socket-user="$ADMIN_USER" --skip-test-db \
		--skip-name-resolve --force >"$LOG/mysql-install.log" 2>&1; then
		tail -n 30 "$LOG/mysql-install.log" >&2
		rm -rf "$DIR/mysql/data"
		die "mariadb-install-db failed"
	fi
}

db_start() {
	local port user_opt=() pid i
	if alive "$DB_PID" mariadbd; then
		say "MariaDB already running (pid $(pidof_file "$DB_PID"))"
		return 0
	fi
	db_init
	port=$(pick_db_port)
	echo "$port" >"$RUN/db.port"
	[ "$(id -u)" -eq 0 ] && user_opt=(--user=root)
	rm -f "$DB_SOCK" "$DB_SOCK.lock"
	# setsid: a Ctrl-C meant for the caller must not reach the servers;
	# the caller stops them in order instead. The query cache answers a
	# burst of readers of the same public pages (above all the public
	# list's count) without re-running their statements; any write to a
	# table drops its entries (docs/operations.md, "Load").
	setsid mariadbd --no-defaults "${user_opt[@]}" \
		--datadir="$DIR/mysql/data" --tmpdir="$DIR/mysql/tmp" \
		--socket="$DB_SOCK" --bind-address=127.0.0.1 --port="$port" \
		--pid-file="$DB_PID" --log-error="$LOG/mysqld.err" \
		--plugin-load-add=ha_mroonga.so \
		--character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
		--innodb-buffer-pool-size=256M --innodb-log-file-size=64M \
		--innodb-flush-log-at-trx-commit=2 \
		--skip-log-bin --skip-name-resolve --max-connections=200 \
		--query-cache-type=1 --query-cache-size=64M "${DB_EXTRA_ARGS[@]}" \
		</dev/null >>"$LOG/mysqld.out" 2>&1 &
	pid=$!
	echo "$pid" >"$DB_PID"
	STARTED+=(db)
	for ((i = 0; i < 600; i++)); do
		db_ping && break
		if ! kill -0 "$pid" 2>/dev/null; then
			tail_logs
			die "mariadbd exited during start-up"
		fi
		sleep 0.1
	done
	db_ping || { tail_logs; die "MariaDB did not answer within 60 s"; }
	say "MariaDB up (pid $pid, socket $DB_SOCK, port $port)"
}

# The application database and its two accounts, made once (the password
# files are written only after the grants succeeded):
#   madang_migrate  every right on the database, WITH GRANT OPTION: runs
#                   madangctl migrate (DDL, triggers) and seed-demo, and
#                   grants the role below its rights on each table; and
#                   RELOAD, for the procedure table_cache_heal (0066)
#   madang          the app (madang-web, madang-notifier, the other
#                   madangctl commands), with the role madang_app as its
#                   default role: SELECT, INSERT, UPDATE, DELETE per table,
#                   only SELECT, INSERT on audit_log; no DDL, no TRIGGER,
#                   so it cannot remove the audit log's append-only triggers
# A datadir from before the split (db.password but no
# db.migrate_password) gets the new accounts on its next start.
db_setup() {
	local pw mpw host
	if ! [ -s "$RUN/db.password" ] || ! [ -s "$RUN/db.migrate_password" ]; then
		pw=$(randhex 24)
		mpw=$(randhex 24)
		{
			echo "CREATE DATABASE IF NOT EXISTS madang CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
			echo "CREATE ROLE IF NOT EXISTS madang_app;"
			for host in localhost 127.0.0.1; do
				echo "CREATE OR REPLACE USER 'madang_migrate'@'$host' IDENTIFIED BY '$mpw';"
				echo "GRANT ALL PRIVILEGES ON madang.* TO 'madang_migrate'@'$host' WITH GRANT OPTION;"
				echo "CREATE OR REPLACE USER 'madang'@'$host' IDENTIFIED BY '$pw';"
				echo "GRANT madang_app TO 'madang'@'$host';"
				echo "SET DEFAULT ROLE madang_app FOR 'madang'@'$host';"
			done
		} | db_client || die "creating database and users failed"
		(umask 077 && printf '%s\n' "$pw" >"$RUN/db.password.tmp" &&
			printf '%s\n' "$mpw" >"$RUN/db.migrate_password.tmp")
		mv "$RUN/db.password.tmp" "$RUN/db.password"
		mv "$RUN/db.migrate_password.tmp" "$RUN/db.migrate_password"
		say "created database madang, the migrator madang_migrate and the app's account madang"
	fi
	# On every start, so that a datadir made before migration 0066 gets it
	# too: the migrator's RELOAD, for table_cache_heal.
	db_client -e "GRANT RELOAD ON *.* TO 'madang_migrate'@'localhost', 'madang_migrate'@'127.0.0.1'" ||
		die "granting the migrator RELOAD failed"
}

# ---------------------------------------------------------------- config

make_secret() {
	local f
	# secret: the site key; sms-dlr-secret: signs Kannel's delivery reports;
	# sms-in-secret: Kannel's key to /sms/in (SMS intake); identity-secret:
	# the test identity provider's signing key; identity-person-key: the
	# stored person keys' HMAC key (real-name identity)
	for f in secret sms-dlr-secret sms-in-secret identity-secret identity-person-key; do
		[ -s "$RUN/$f" ] && continue
		(umask 077 && randhex 32 >"$RUN/$f.tmp" && echo >>"$RUN/$f.tmp")
		mv "$RUN/$f.tmp" "$RUN/$f"
	done
}

# DIR/madang.hdf: deploy/madang.hdf.example with our values. Keys of the
# example we do not know are kept (minus trailing "# comments": HDF values
# run to the end of the line); keys we set that the example lacks are
# appended as dotted names.
write_config() {
	local pw overrides sms_url="" sms_user="" sms_password=""
	pw=$(tr -d '\n' <"$RUN/db.password")
	if [ -n "${MADANG_SMS_ENV:-}" ]; then
		[ -s "$MADANG_SMS_ENV" ] || die "MADANG_SMS_ENV: no such file $MADANG_SMS_ENV"
		sms_url=$(sed -n 's/^SENDSMS_URL=//p' "$MADANG_SMS_ENV")
		sms_user=$(sed -n 's/^SENDSMS_USER=//p' "$MADANG_SMS_ENV")
		sms_password=$(sed -n 's/^SENDSMS_PASSWORD=//p' "$MADANG_SMS_ENV")
	fi
	overrides=$(
		cat <<-EOF
			db.socket	$DB_SOCK
			db.host	127.0.0.1
			db.port	$(cat "$RUN/db.port")
			db.user	madang
			db.password	$pw
			db.password_file	$RUN/db.password
			db.migrate_user	madang_migrate
			db.migrate_password	$(tr -d '\n' <"$RUN/db.migrate_password")
			db.app_role	madang_app
			db.name	madang
			db.migrations	$REPO/db/migrations
			db.seed	$REPO/db/seed
			web.socket	$WEB_SOCK
			web.workers	$WORKERS
			web.templates	$REPO/cs-templates
			web.data	$REPO/data
			web.uploads	$DIR/uploads
			web.tmp	$DIR/tmp
			web.secret_file	$RUN/secret
			web.log	$LOG/web.log
			web.base_url	http://127.0.0.1:$PORT
			cache.dir	$DIR/cache
			cache.store	${MADANG_PAGE_CACHE:-0}
			chat.publish_url	http://localhost/pub/
			chat.publish_socket	$NCHAN_SOCK
			notifier.log	$LOG/notifier.log
			notifier.monthly_reports	0
			intake.address	minwon@madang.example
			intake.route.road.address	minwon+road@madang.example
			intake.log	$LOG/mailin.log
			mail.from	noreply@madang.example
			sms.url	$sms_url
			sms.user	$sms_user
			sms.password	$sms_password
			sms.dlr_url	http://127.0.0.1:$PORT/sms/dlr
			sms.dlr_secret	$(tr -d '\n' <"$RUN/sms-dlr-secret")
			demo	1
			identity.provider	test
			identity.client_id	madang-demo
			identity.secret_file	$RUN/identity-secret
			identity.person_key_file	$RUN/identity-person-key
		EOF
	)
	if [ -n "${MADANG_MAIL_PORT:-}" ]; then
		overrides+=$'\n'"mail.host	127.0.0.1"$'\n'"mail.port	$MADANG_MAIL_PORT"$'\n'"mail.starttls	no"
	fi
	if [ -n "${MADANG_SMS_IN_CATEGORY:-}" ]; then
		overrides+=$'\n'"sms.in_secret	$(tr -d '\n' <"$RUN/sms-in-secret")"$'\n'"sms.in_category	$MADANG_SMS_IN_CATEGORY"
	fi
	(
		umask 077
		printf '%s\n' "$overrides" | awk -F '\t' '
			FNR == NR { val[$1] = $2; order[++n] = $1; next }
			function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
			function path(   i, p) {
				p = ""
				for (i = 1; i <= depth; i++) p = p stack[i] "."
				return p
			}
			/^[ \t]*(#|$)/ { print; next }
			/^[ \t]*}[ \t]*$/ { depth--; print; next }
			/^[ \t]*[A-Za-z0-9_.]+[ \t]*\{[ \t]*(#.*)?$/ {
				name = $0; sub(/\{.*/, "", name); stack[++depth] = trim(name)
				print; next
			}
			/^[ \t]*[A-Za-z0-9_.]+[ \t]*=/ {
				line = $0; indent = line; sub(/[^ \t].*/, "", indent)
				key = line; sub(/=.*/, "", key); key = trim(key)
				v = line; sub(/^[^=]*=/, "", v); sub(/[ \t]+#.*$/, "", v); v = trim(v)
				full = path() key
				if (full in val) { v = val[full]; done[full] = 1 }
				print indent key " = " v
				next
			}
			{ print }
			END {
				for (i = 1; i <= n; i++)
					if (!(order[i] in done) && order[i] != "db.password_file")
						print order[i] " = " val[order[i]]
			}
		' /dev/stdin "$REPO/deploy/madang.hdf.example" >"$HDF.tmp"
	)
	mv "$HDF.tmp" "$HDF"
}

# ---------------------------------------------------------------- app

ctl() {
	"$BUILD/madangctl" --config "$HDF" "$@"
}

migrate_and_seed() {
	say "madangctl migrate"
	if ! ctl migrate >>"$LOG/ctl.log" 2>&1; then
		tail -n 30 "$LOG/ctl.log" >&2
		die "madangctl migrate failed (log: $LOG/ctl.log)"
	fi
	[ "$SEED" -eq 1 ] || return 0
	say "madangctl seed-demo"
	if ! ctl seed-demo >"$RUN/seed-demo.out" 2>&1; then
		cat "$RUN/seed-demo.out" >&2
		die "madangctl seed-demo failed"
	fi
	cat "$RUN/seed-demo.out" >>"$LOG/ctl.log"
	# seed-demo prints the demo logins and passwords; scripts/run.sh shows
	# them on every start (an empty output keeps the ones saved before).
	if [ -s "$RUN/seed-demo.out" ]; then
		(umask 077 && cp "$RUN/seed-demo.out" "$RUN/demo-logins.txt")
	fi
}

web_start() {
	local pid i
	if alive "$WEB_PID" madang-web; then
		say "madang-web already running (pid $(pidof_file "$WEB_PID"))"
		return 0
	fi
	rm -f "$WEB_SOCK"
	MADANG_CONFIG=$HDF setsid "$BUILD/madang-web" --config "$HDF" \
		</dev/null >>"$LOG/web.out" 2>&1 &
	pid=$!
	echo "$pid" >"$WEB_PID"
	STARTED+=(web)
	for ((i = 0; i < 150; i++)); do
		[ -S "$WEB_SOCK" ] && break
		if ! kill -0 "$pid" 2>/dev/null; then
			tail_logs
			die "madang-web exited during start-up"
		fi
		sleep 0.1
	done
	[ -S "$WEB_SOCK" ] || { tail_logs; die "madang-web made no socket within 15 s"; }
	say "madang-web up (pid $pid, $WORKERS workers)"
}

# ---------------------------------------------------------------- nginx

write_nginx_conf() {
	local user_line="" d conf nofile conns
	for d in client_body proxy fastcgi uwsgi scgi; do mkdir -p "$NGX/$d"; done
	# The site file includes fastcgi_params relative to the conf prefix.
	cp /etc/nginx/fastcgi_params "$NGX/fastcgi_params"
	sed -e "s|^\([[:space:]]*\)listen 80;|\1listen 127.0.0.1:$PORT;|" \
		-e "s|root /usr/share/madang/static;|root $REPO/static;|" \
		-e "s|unix:/run/madang/web.sock|unix:$WEB_SOCK|" \
		-e "s|unix:/run/madang-nchan/nchan.sock|unix:$NCHAN_SOCK|" \
		-e "s|/var/log/nginx/madang-access.log|$LOG/nginx-access.log|" \
		-e "s|root /var/cache/madang/pages/current;|root $DIR/cache/current;|" \
		"$REPO/deploy/nginx/madang.conf" >"$NGX/madang.conf"
	conf=$(grep -v '^[[:space:]]*#' "$NGX/madang.conf")
	if ! grep -q "listen 127.0.0.1:$PORT;" <<<"$conf" ||
		! grep -q "root $REPO/static;" <<<"$conf" ||
		! grep -q "unix:${WEB_SOCK}[ ;]" <<<"$conf" ||
		! grep -q "unix:${NCHAN_SOCK};" <<<"$conf" ||
		grep -q '/run/madang/web.sock\|/run/madang-nchan/nchan.sock\|listen 80;\|/usr/share/madang\|/var/log/nginx/madang-access.log\|/var/cache/madang' <<<"$conf"; then
		die "deploy/nginx/madang.conf: cannot substitute listen/root/socket/access log"
	fi
	# As root the workers would otherwise run as nobody, who cannot enter
	# a private temp dir; this nginx only listens on loopback.
	[ "$(id -u)" -eq 0 ] && user_line="user root root;"
	# Each client being served takes two connections (the client's and
	# madang-web's), and each is a file descriptor: room for 2,048 clients
	# per nginx worker, as far as the hard limit allows (a higher
	# worker_rlimit_nofile than that is an [alert] for a non-root nginx).
	nofile=$(ulimit -Hn)
	[ "$nofile" = unlimited ] || [ "$nofile" -gt 8192 ] && nofile=8192
	conns=$((nofile - 64))
	[ "$conns" -le 4096 ] || conns=4096
	cat >"$NGX/nginx.conf" <<-EOF
		# Generated by scripts/stack.sh; rewritten on every start.
		$user_line
		# The live chat's nchan (Debian's libnginx-mod-nchan, scripts/deps.sh).
		load_module /usr/lib/nginx/modules/ngx_nchan_module.so;
		worker_processes $NGINX_WORKERS;
		# The regular expressions of madang.conf's maps and locations
		# compiled to machine code (docs/operations.md, "Public page cache").
		pcre_jit on;
		worker_rlimit_nofile $nofile;
		daemon on;
		pid $NGX_PID;
		lock_file $NGX/nginx.lock;
		error_log $LOG/nginx-error.log warn;

		events {
		    worker_connections $conns;
		}

		http {
		    include /etc/nginx/mime.types;
		    default_type application/octet-stream;
		    access_log $LOG/nginx-access.log;
		    sendfile on;
		    client_body_temp_path $NGX/client_body;
		    proxy_temp_path $NGX/proxy;
		    fastcgi_temp_path $NGX/fastcgi;
		    uwsgi_temp_path $NGX/uwsgi;
		    scgi_temp_path $NGX/scgi;
		    include $NGX/madang.conf;
		}
	EOF
}

nginx_start() {
	if alive "$NGX_PID" nginx; then
		say "nginx already running (pid $(pidof_file "$NGX_PID"))"
		return 0
	fi
	write_nginx_conf
	if ! nginx -p "$NGX/" -c "$NGX/nginx.conf" >>"$LOG/nginx.out" 2>&1; then
		tail -n 20 "$LOG/nginx.out" >&2
		tail_logs
		die "nginx did not start"
	fi
	STARTED+=(nginx)
	say "nginx up on 127.0.0.1:$PORT"
}

wait_healthy() {
	local i code=""
	for ((i = 0; i < 300; i++)); do
		code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' \
			"http://127.0.0.1:$PORT/healthz" || true)
		[ "$code" = 200 ] && return 0
		sleep 0.1
	done
	tail_logs
	die "GET /healthz answered ${code:-nothing} for 30 s"
}

# ---------------------------------------------------------------- stop

stop_web() {
	local pid
	alive "$WEB_PID" madang-web || { rm -f "$WEB_PID"; return 0; }
	pid=$(pidof_file "$WEB_PID")
	kill -TERM "$pid" 2>/dev/null || true
	if ! wait_gone "$WEB_PID" madang-web 30; then
		say "madang-web did not stop in 30 s: killing its process group"
		kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
		wait_gone "$WEB_PID" madang-web 5 || true
	fi
	rm -f "$WEB_PID"
	say "madang-web stopped"
}

stop_nginx() {
	local pid
	alive "$NGX_PID" nginx || return 0
	pid=$(pidof_file "$NGX_PID")
	nginx -p "$NGX/" -c "$NGX/nginx.conf" -s quit >>"$LOG/nginx.out" 2>&1 ||
		kill -QUIT "$pid" 2>/dev/null || true
	if ! wait_gone "$NGX_PID" nginx 15; then
		kill -TERM "$pid" 2>/dev/null || true
		wait_gone "$NGX_PID" nginx 5 || kill -KILL "$pid" 2>/dev/null || true
	fi
	say "nginx stopped"
}

stop_db() {
	local pid
	alive "$DB_PID" mariadbd || return 0
	pid=$(pidof_file "$DB_PID")
	mariadb-admin --no-defaults --socket="$DB_SOCK" -u "$ADMIN_USER" \
		shutdown >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
	if ! wait_gone "$DB_PID" mariadbd 60; then
		say "mariadbd did not stop in 60 s: killing it"
		kill -KILL "$pid" 2>/dev/null || true
		wait_gone "$DB_PID" mariadbd 5 || true
	fi
	say "MariaDB stopped"
}

# nginx first (it finishes the requests in hand, which need the app), then
# the app, then the database.
stop_all() {
	stop_nginx
	stop_web
	stop_db
}

# A start that fails stops what it started itself (the logs stay in DIR).
on_start_exit() {
	local rc=$?
	if [ "$rc" -ne 0 ] && [ "${#STARTED[@]}" -gt 0 ]; then
		say "start failed: stopping what it started (${STARTED[*]})"
		stop_all || true
	fi
}

# ---------------------------------------------------------------- main

# start_args DIR PORT [--seed]: PORT and SEED from start's arguments
# (scripts/cluster.sh's start takes the same).
start_args() {
	[ $# -ge 2 ] || usage
	PORT=$2
	SEED=0
	case "${3:-}" in
	"") ;;
	--seed) SEED=1 ;;
	*) usage ;;
	esac
	[ $# -le 3 ] || usage
	case "$PORT" in '' | *[!0-9]*) die "bad port: $PORT" ;; esac
	if [ "$PORT" -lt 1 ] || [ "$PORT" -gt 65535 ]; then die "bad port: $PORT"; fi
}

cmd_start() {
	start_args "$@"
	case "$WORKERS" in '' | *[!0-9]*) die "bad MADANG_WORKERS: $WORKERS" ;; esac
	set_dirs "$1"
	if [ ! -x "$BUILD/madang-web" ] || [ ! -x "$BUILD/madangctl" ] || [ ! -x "$BUILD/madang-notifier" ]; then
		die "no madang-web/madangctl/madang-notifier in $BUILD: run 'make build' (or set MADANG_BUILD)"
	fi
	for b in mariadbd mariadb-install-db mariadb mariadb-admin nginx curl; do
		command -v "$b" >/dev/null 2>&1 || die "$b not found: run scripts/deps.sh run"
	done
	mkdir -p "$DIR"/{mysql/tmp,run,log,nginx,uploads,tmp,cache}
	chmod 0700 "$RUN"

	if alive "$NGX_PID" nginx &&
		! grep -q "listen 127.0.0.1:$PORT;" "$NGX/madang.conf"; then
		die "the stack in $DIR serves another port: stop it first"
	fi
	if alive "$DB_PID" mariadbd && alive "$WEB_PID" madang-web &&
		alive "$NGX_PID" nginx; then
		say "already running in $DIR"
		wait_healthy
		say "ready: http://127.0.0.1:$PORT/"
		return 0
	fi

	if ! alive "$NGX_PID" nginx && port_busy "$PORT"; then
		die "port $PORT on 127.0.0.1 is in use"
	fi
	trap on_start_exit EXIT
	db_start
	db_setup
	make_secret
	write_config
	migrate_and_seed
	web_start
	nginx_start
	wait_healthy
	trap - EXIT
	say "ready: http://127.0.0.1:$PORT/ (config $HDF)"
}

cmd_stop() {
	[ $# -eq 1 ] || usage
	[ -d "$1" ] || { say "no such directory $1: nothing to stop"; return 0; }
	set_dirs "$1"
	stop_all
}

# main ARGS: the command line (scripts/cluster.sh has its own cmd_start
# and cmd_stop, and sources this file for its functions only).
main() {
	[ $# -ge 1 ] || usage
	local cmd=$1
	shift
	case "$cmd" in
	start) cmd_start "$@" ;;
	stop) cmd_stop "$@" ;;
	*) usage ;;
	esac
}

[ "${BASH_SOURCE[0]}" = "$0" ] || return 0
main "$@"
