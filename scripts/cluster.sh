#!/bin/bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# cluster.sh: run a private Madang stack on three MariaDB Galera nodes in DIR.
#
#   scripts/cluster.sh start DIR PORT [--seed]  start (or restart) the cluster;
#                                               http://127.0.0.1:PORT/
#   scripts/cluster.sh stop DIR                 stop whatever runs in DIR
#
# Three mariadbd on loopback (Debian's galera-4, SST by rsync, which needs
# no account), DIR/node1 ... DIR/node3, each laid out as a scripts/stack.sh
# DIR (whose functions this script sources). madang-web and nginx run on
# node 1; a madang-notifier --loop on node 2 and another on node 3, each
# with its own config (DIR/nodeN/madang.hdf) naming its node's port.
# madang-web's db.hosts lists all three nodes (node 1 first): when its node
# dies, its workers' next connection goes to the next node that answers.
#
# Ports, from PORT + 1000: database of node N at +N, group communication
# (gcomm) at +10+N, IST at +20+N, SST at +30+N.
# $MADANG_MAIL_PORT, $MADANG_BUILD, $MADANG_WORKERS as for stack.sh;
# $MADANG_NOTIFIER_INTERVAL: the notifiers' --interval (default 10).
#
# A start restarts whatever is not running: a node that was killed rejoins
# the others (IST when the gcache still holds what it missed, else SST).
# When no node runs, node 1 bootstraps a new primary component (its data
# must be the newest: stop stops node 1 last for that reason).
set -euo pipefail

CLUSTER_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/stack.sh
. "$CLUSTER_REPO/scripts/stack.sh"
NODES=3
INTERVAL=${MADANG_NOTIFIER_INTERVAL:-10}

csay() { echo "cluster: $*"; }

# stack.sh's functions call usage too: this script's.
usage() {
	echo "usage: $0 start DIR PORT [--seed] | stop DIR" >&2
	exit 2
}

# node N: stack.sh's globals (DIR, RUN, LOG, DB_SOCK, ...) for node N.
node() {
	NODE=$1
	set_dirs "$CLUSTER_DIR/node$1"
	mkdir -p "$DIR"/{mysql/tmp,run,log,nginx,uploads,tmp}
	chmod 0700 "$RUN"
}

db_port_of() { echo $((BASE + $1)); }

gcomm_list() {
	local n list=""
	for ((n = 1; n <= NODES; n++)); do
		list+="${list:+,}127.0.0.1:$((BASE + 10 + n))"
	done
	echo "$list"
}

# wsrep_status NAME: a wsrep status variable of the current node.
wsrep_status() {
	db_client -N -B -e "SHOW STATUS LIKE '$1'" 2>/dev/null | cut -f2
}

wait_synced() {
	local i state=""
	for ((i = 0; i < 1200; i++)); do
		state=$(wsrep_status wsrep_local_state_comment || true)
		[ "$state" = Synced ] && return 0
		sleep 0.1
	done
	tail_logs
	die "node $NODE not Synced within 120 s (state: ${state:-none})"
}

# any_node_alive: true when some node's mariadbd runs.
any_node_alive() {
	local n
	for ((n = 1; n <= NODES; n++)); do
		alive "$CLUSTER_DIR/node$n/run/mysqld.pid" mariadbd && return 0
	done
	return 1
}

# recovered_position: after a crash (grastate.dat says seqno -1) the
# node's last committed position, read from InnoDB by mariadbd
# --wsrep-recover (as Debian's galera_recovery does for the service), so
# that it rejoins by IST, only what it missed, not by a full SST.
recovered_position() {
	local user_opt=() pos
	[ -f "$DIR/mysql/data/grastate.dat" ] || return 0
	grep -q '^seqno:[[:space:]]*-1' "$DIR/mysql/data/grastate.dat" || return 0
	[ "$(id -u)" -eq 0 ] && user_opt=(--user=root)
	: >"$LOG/wsrep-recover.log"
	mariadbd --no-defaults "${user_opt[@]}" --datadir="$DIR/mysql/data" --tmpdir="$DIR/mysql/tmp" \
		--socket="$RUN/recover.sock" --skip-networking --log-error="$LOG/wsrep-recover.log" \
		--innodb-buffer-pool-size=64M --innodb-log-file-size=64M \
		--wsrep-on=ON --wsrep-provider=/usr/lib/galera/libgalera_smm.so --wsrep-recover \
		--wsrep-cluster-address="gcomm://$(gcomm_list)" --wsrep-sst-method="$SST_METHOD" \
		--binlog-format=ROW --innodb-autoinc-lock-mode=2 --plugin-load-add=ha_mroonga.so \
		</dev/null >/dev/null 2>&1 || true
	pos=$(sed -n 's/.*WSREP: Recovered position: *\([0-9a-f-]*:[0-9-]*\).*/\1/p' "$LOG/wsrep-recover.log" | tail -n1)
	[ -n "$pos" ] && echo "$pos"
	return 0
}

node_db_start() {
	local n=$1 new=() port pos
	node "$n"
	alive "$DB_PID" mariadbd && { csay "node $n already running"; return 0; }
	port=$(db_port_of "$n")
	port_busy "$port" && die "port $port (node $n) is in use"
	echo "$port" >"$RUN/db.port"
	if ! any_node_alive; then
		[ "$n" -eq 1 ] || die "no node runs: node 1 must bootstrap the cluster first"
		new=(--wsrep-new-cluster)
		# The last node stopped cleanly may bootstrap; stop keeps node 1
		# for last, and a test kills only another node.
		[ -f "$DIR/mysql/data/grastate.dat" ] &&
			sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$DIR/mysql/data/grastate.dat"
	fi
	pos=$(recovered_position)
	if [ -n "$pos" ]; then
		csay "node $n crashed at $pos: rejoining from there"
		new+=(--wsrep-start-position="$pos")
	fi
	# The later options win over stack.sh's: Galera needs row events and
	# interleaved auto-increment locks; the query cache stays off (as in
	# MariaDB's Galera configuration guide; these nodes test correctness).
	# wsrep_auto_increment_control (on by default) gives each node its own
	# auto_increment_offset, step 3. A smaller buffer pool: three servers.
	# Galera counts as binary logging, under which only SUPER may create
	# triggers unless log_bin_trust_function_creators (the migrator makes
	# the audit log's triggers). wsrep_retry_autocommit: a single statement
	# (the tracking counter's) that loses a certification runs again on
	# the server, up to 4 times, before the client sees a deadlock.
	# slave_run_triggers_for_rbr=ENFORCE: the applier runs the triggers
	# of the rows it applies, which fill this node's Mroonga search
	# indexes (not replicated; migration 0064).
	DB_EXTRA_ARGS=(--wsrep-on=ON --wsrep-provider=/usr/lib/galera/libgalera_smm.so
		--wsrep-cluster-name=madang-test --wsrep-cluster-address="gcomm://$(gcomm_list)"
		--wsrep-node-name="node$n" --wsrep-node-address=127.0.0.1
		--wsrep-provider-options="gmcast.listen_addr=tcp://127.0.0.1:$((BASE + 10 + n));ist.recv_addr=127.0.0.1:$((BASE + 20 + n));gcache.size=128M"
		--wsrep-sst-method="$SST_METHOD" --wsrep-sst-receive-address="127.0.0.1:$((BASE + 30 + n))"
		--wsrep-retry-autocommit=4 --log-bin-trust-function-creators=1 --slave-run-triggers-for-rbr=ENFORCE
		--binlog-format=ROW --innodb-autoinc-lock-mode=2 --default-storage-engine=InnoDB
		--query-cache-type=0 --query-cache-size=0 --innodb-buffer-pool-size=64M
		"${new[@]}")
	db_start
	wait_synced
	csay "node $n Synced (port $port)"
}

# The config of node N: stack.sh's, with node 1's passwords and secrets
# (one database, one site), and for node 1's madang-web every node in
# db.hosts and no socket (TCP, so that another node can take over).
node_config() {
	local n=$1 f hosts="" m
	node "$n"
	if [ "$n" -ne 1 ]; then
		for f in db.password db.migrate_password secret sms-dlr-secret sms-in-secret \
			identity-secret identity-person-key; do
			cp -p "$CLUSTER_DIR/node1/run/$f" "$RUN/$f"
		done
	fi
	make_secret
	write_config
	for ((m = 1; m <= NODES; m++)); do
		hosts+="${hosts:+,}127.0.0.1:$(db_port_of "$(( (n + m - 2) % NODES + 1 ))")"
	done
	sed -i -e "s|^\([[:space:]]*\)socket = $DB_SOCK\$|\1socket =|" "$HDF"
	printf 'db.hosts = %s\n' "$hosts" >>"$HDF"
	# The redirect after a person's POST reads with wsrep_sync_wait.
	printf 'db.sync_wait_after_write = 1\n' >>"$HDF"
}

notifier_start() {
	local n=$1 pid
	node "$n"
	local pidf=$RUN/notifier.pid
	if alive "$pidf" madang-notifier; then
		csay "notifier on node $n already running"
		return 0
	fi
	setsid "$BUILD/madang-notifier" --config "$HDF" --loop --interval "$INTERVAL" \
		--owner "node$n-notifier" </dev/null >>"$LOG/notifier.out" 2>&1 &
	pid=$!
	echo "$pid" >"$pidf"
	csay "notifier on node $n up (pid $pid)"
}

notifier_stop() {
	local n=$1 pid
	node "$n"
	local pidf=$RUN/notifier.pid
	alive "$pidf" madang-notifier || { rm -f "$pidf"; return 0; }
	pid=$(pidof_file "$pidf")
	kill -TERM "$pid" 2>/dev/null || true
	wait_gone "$pidf" madang-notifier 30 || kill -KILL "$pid" 2>/dev/null || true
	rm -f "$pidf"
	csay "notifier on node $n stopped"
}

cluster_stop() {
	local n
	for ((n = NODES; n >= 2; n--)); do notifier_stop "$n"; done
	node 1
	stop_nginx
	stop_web
	for ((n = NODES; n >= 1; n--)); do
		node "$n"
		stop_db
	done
}

on_cluster_exit() {
	local rc=$?
	if [ "$rc" -ne 0 ]; then
		csay "start failed: stopping the cluster (logs stay in $CLUSTER_DIR)"
		cluster_stop || true
	fi
}

# As root, rsync's daemon (the joiner's end of an SST) drops to the user
# nobody, who may not write the root-owned datadirs of these test nodes.
# mariadbd puts its own bin directory first in the SST script's PATH, so
# a wrapper named rsync is not found first: the SST method madang_rsync
# (wsrep_sst_madang_rsync, found in PATH as no such script is in /usr/bin)
# puts DIR/bin first and runs Debian's wsrep_sst_rsync, whose rsync daemon
# is then DIR/bin/rsync, kept root. A packaged server runs as mysql and
# needs none of this.
SST_METHOD=rsync
sst_wrapper() {
	[ "$(id -u)" -eq 0 ] || return 0
	mkdir -p "$CLUSTER_DIR/bin"
	cat >"$CLUSTER_DIR/bin/rsync" <<-'EOF'
		#!/bin/sh
		case " $* " in
		*" --daemon "*) exec /usr/bin/rsync --dparam=uid=root --dparam=gid=root "$@" ;;
		esac
		exec /usr/bin/rsync "$@"
	EOF
	cat >"$CLUSTER_DIR/bin/wsrep_sst_madang_rsync" <<-'EOF'
		#!/bin/sh
		PATH="${0%/*}:$PATH" exec /usr/bin/wsrep_sst_rsync "$@"
	EOF
	chmod 0755 "$CLUSTER_DIR/bin/rsync" "$CLUSTER_DIR/bin/wsrep_sst_madang_rsync"
	export PATH="$CLUSTER_DIR/bin:$PATH"
	SST_METHOD=madang_rsync
}

cmd_start() {
	local n
	start_args "$@"
	# The last node's SST port is PORT + 1033.
	[ "$PORT" -le 64000 ] || die "bad port: $PORT (at most 64000)"
	[ -e /usr/lib/galera/libgalera_smm.so ] || die "no galera-4: run scripts/deps.sh cluster"
	command -v rsync >/dev/null || die "no rsync (SST): run scripts/deps.sh cluster"
	mkdir -p "$1"
	CLUSTER_DIR=$(cd "$1" && pwd)
	BASE=$((PORT + 1000))
	echo "$PORT" >"$CLUSTER_DIR/port"
	sst_wrapper
	trap on_cluster_exit EXIT
	for ((n = 1; n <= NODES; n++)); do node_db_start "$n"; done
	node 1
	db_setup
	for ((n = 1; n <= NODES; n++)); do node_config "$n"; done
	node 1
	migrate_and_seed
	web_start
	if ! alive "$NGX_PID" nginx && port_busy "$PORT"; then
		die "port $PORT on 127.0.0.1 is in use"
	fi
	nginx_start
	wait_healthy
	for ((n = 2; n <= NODES; n++)); do notifier_start "$n"; done
	trap - EXIT
	csay "ready: http://127.0.0.1:$PORT/ (nodes on ports $(db_port_of 1), $(db_port_of 2), $(db_port_of 3))"
}

cmd_stop() {
	[ $# -eq 1 ] || usage
	[ -d "$1" ] || { csay "no such directory $1: nothing to stop"; return 0; }
	CLUSTER_DIR=$(cd "$1" && pwd)
	cluster_stop
}

main "$@"
