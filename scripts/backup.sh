#!/bin/bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# backup.sh: a consistent backup of Madang's data (the database, with
# mariadb-backup, and the attachment directory) and its restore.
#
#   scripts/backup.sh backup [OPTIONS] DEST    back up into DEST (new or empty)
#   scripts/backup.sh restore [OPTIONS] DEST   restore DEST into an empty
#                                              datadir and attachment directory
# Options (each also from the environment, as named):
#   --stack DIR        a scripts/stack.sh stack: its socket, datadir, uploads
#   --socket PATH      MariaDB's socket (MADANG_DB_SOCKET; /run/mysqld/mysqld.sock)
#   --user NAME        MariaDB account with the BACKUP rights, over the socket
#                      (MADANG_DB_ADMIN; default: the OS user, unix_socket)
#   --datadir PATH     MariaDB's datadir (MADANG_DATADIR; /var/lib/mysql)
#   --uploads PATH     web.uploads (MADANG_UPLOADS; /var/lib/madang/uploads)
#
# The backup runs while Madang serves: mariadb-backup copies InnoDB's
# files and its redo log and then --prepare makes them a consistent state
# as of the copy's end. The attachments are copied AFTER it: madang-web
# moves an attachment into place before the transaction that names it
# commits, so every attachment row in the backup has its file in the copy
# (files of later filings come along, unnamed: harmless). DEST/MANIFEST
# records when it started and the SHA-256 of every attachment.
#
# A restore goes into an empty datadir (MariaDB stopped, or a new one for a
# second server) and an empty attachment directory; start MariaDB on the
# datadir afterwards, then `madangctl migrate` if the code is newer.
# docs/operations.md, "Backup and restore", has the drill
# (t/e2e/511-backup-restore.t runs it).
set -euo pipefail

die() {
	echo "backup: error: $*" >&2
	exit 1
}
say() { echo "backup: $*"; }

usage() {
	echo "usage: $0 backup|restore [--stack DIR] [--socket PATH] [--user NAME] [--datadir PATH] [--uploads PATH] DEST" >&2
	exit 2
}

[ $# -ge 1 ] || usage
CMD=$1
shift
SOCKET=${MADANG_DB_SOCKET:-/run/mysqld/mysqld.sock}
ADMIN=${MADANG_DB_ADMIN:-$(id -un)}
DATADIR=${MADANG_DATADIR:-/var/lib/mysql}
UPLOADS=${MADANG_UPLOADS:-/var/lib/madang/uploads}
DEST=
while [ $# -gt 0 ]; do
	case "$1" in
	--stack)
		[ $# -ge 2 ] || usage
		SOCKET=$2/run/mysqld.sock
		DATADIR=$2/mysql/data
		UPLOADS=$2/uploads
		shift 2
		;;
	--socket | --user | --datadir | --uploads)
		[ $# -ge 2 ] || usage
		case "$1" in
		--socket) SOCKET=$2 ;;
		--user) ADMIN=$2 ;;
		--datadir) DATADIR=$2 ;;
		--uploads) UPLOADS=$2 ;;
		esac
		shift 2
		;;
	-*) usage ;;
	*)
		[ -z "$DEST" ] || usage
		DEST=$1
		shift
		;;
	esac
done
[ -n "$DEST" ] || usage
command -v mariadb-backup >/dev/null || die "mariadb-backup is not installed (Debian: apt-get install mariadb-backup)"

# empty_dir DIR: true when DIR is missing or has nothing in it.
empty_dir() {
	[ ! -e "$1" ] || [ -z "$(ls -A "$1")" ]
}

backup() {
	empty_dir "$DEST" || die "$DEST is not empty"
	[ -d "$UPLOADS" ] || die "no attachment directory $UPLOADS"
	mkdir -p "$DEST"
	DEST=$(cd "$DEST" && pwd)
	local started
	started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
	say "database from $DATADIR (socket $SOCKET) into $DEST/db"
	# --no-defaults: only what is given here (a my.cnf of the host's own
	# server must not point it elsewhere).
	if ! mariadb-backup --no-defaults --backup --target-dir="$DEST/db" --datadir="$DATADIR" \
		--socket="$SOCKET" --user="$ADMIN" >"$DEST/backup.log" 2>&1; then
		tail -n 20 "$DEST/backup.log" >&2
		die "mariadb-backup --backup failed (log: $DEST/backup.log)"
	fi
	say "attachments from $UPLOADS"
	mkdir -p "$DEST/uploads"
	cp -a "$UPLOADS/." "$DEST/uploads/"
	say "preparing the copy (applying the redo log)"
	if ! mariadb-backup --no-defaults --prepare --target-dir="$DEST/db" >>"$DEST/backup.log" 2>&1; then
		tail -n 20 "$DEST/backup.log" >&2
		die "mariadb-backup --prepare failed (log: $DEST/backup.log)"
	fi
	{
		echo "started $started"
		echo "finished $(date -u +%Y-%m-%dT%H:%M:%SZ)"
		echo "datadir $DATADIR"
		echo "uploads $UPLOADS"
		(cd "$DEST/uploads" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum)
	} >"$DEST/MANIFEST"
	say "done: $DEST ($(grep -c '  \./' "$DEST/MANIFEST" || true) attachments)"
}

restore() {
	if [ ! -d "$DEST/db" ] || [ ! -f "$DEST/MANIFEST" ]; then
		die "$DEST is not a backup made by $0"
	fi
	empty_dir "$DATADIR" || die "the datadir $DATADIR is not empty (stop MariaDB and move it away first)"
	empty_dir "$UPLOADS" || die "the attachment directory $UPLOADS is not empty"
	mkdir -p "$DATADIR" "$UPLOADS"
	say "database into $DATADIR"
	if ! mariadb-backup --no-defaults --copy-back --target-dir="$DEST/db" --datadir="$DATADIR" \
		>"$DEST/restore.log" 2>&1; then
		tail -n 20 "$DEST/restore.log" >&2
		die "mariadb-backup --copy-back failed (log: $DEST/restore.log)"
	fi
	say "attachments into $UPLOADS"
	cp -a "$DEST/uploads/." "$UPLOADS/"
	# The restored files are checked against the manifest.
	local sums
	sums=$(grep '  \./' "$DEST/MANIFEST" || true)
	if [ -n "$sums" ] && ! (cd "$UPLOADS" && sha256sum --check --quiet <<<"$sums"); then
		die "attachments differ from the manifest"
	fi
	say "done: start MariaDB on $DATADIR (as its owner: chown -R mysql:mysql when it is not this user)"
}

case "$CMD" in
backup) backup ;;
restore) restore ;;
*) usage ;;
esac
