#!/bin/bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# dovecot.sh: run a private Dovecot IMAP server in DIR, for madang-mailin's
# tests and benchmark.
#
#   scripts/dovecot.sh start DIR PORT USER PASSWORD   IMAP on 127.0.0.1:PORT
#   scripts/dovecot.sh deliver DIR USER FILE...       FILEs into USER's INBOX
#   scripts/dovecot.sh count DIR USER FOLDER          messages in a folder
#   scripts/dovecot.sh text DIR USER FOLDER           the folder's messages
#   scripts/dovecot.sh stop DIR                       stop it and wait
#
# Installs nothing (scripts/deps.sh brings dovecot-imapd) and touches
# nothing outside DIR: configuration, passwd-file, mail, logs, sockets
# and state are all under DIR/. Plain IMAP on loopback only, no TLS.
# The mail store is mdbox, the one a mailbox receiving thousands of
# mails a day would use: Maildir's dovecot-uidlist is re-read and
# rewritten whenever another session changed the folder, a cost that
# grows with the folder (bench/README.md, "The e-mail intake"). Mail is
# delivered with doveadm (mdbox files are Dovecot's own), from a Maildir
# written under DIR/incoming. DOVECOT_STORE=maildir or sdbox at start
# picks another store (to compare them).
# As a normal user every Dovecot process runs as that user, without
# chroot (a normal user cannot chroot). As root,
# Dovecot refuses to run its login process or mail access as root: they
# run as the package's dovenull and dovecot users, which own DIR/home, and
# the folders above DIR are opened for them to traverse (o+x).
set -euo pipefail

say() { echo "dovecot: $*"; }
die() {
	echo "dovecot: error: $*" >&2
	exit 1
}
usage() {
	echo "usage: $0 start DIR PORT USER PASSWORD | deliver DIR USER FILE... | count DIR USER FOLDER | text DIR USER FOLDER | stop DIR" >&2
	exit 2
}

[ $# -ge 2 ] || usage
CMD=$1
DIR=$(cd "$2" && pwd)
CONF=$DIR/dovecot.conf

# Some services chroot, which only root can: a normal user's run turns
# that off.
NO_CHROOT=""
if [ "$(id -u)" = 0 ]; then
	MAILUSER=dovecot
	LOGINUSER=dovenull
else
	MAILUSER=$(id -un)
	LOGINUSER=$MAILUSER
	for svc in anvil imap-login ipc aggregator old-stats; do
		NO_CHROOT+="service $svc {"$'\n'"  chroot ="$'\n'"}"$'\n'
	done
fi
MAILGROUP=$(id -gn "$MAILUSER")

case $CMD in
start)
	[ $# -eq 5 ] || usage
	PORT=$3 USER_NAME=$4 PASSWORD=$5
	STORE=${DOVECOT_STORE:-mdbox}
	case $STORE in mdbox | sdbox | maildir) ;; *) die "DOVECOT_STORE: mdbox, sdbox or maildir" ;; esac
	command -v dovecot >/dev/null || die "dovecot is not installed (scripts/deps.sh test)"
	mkdir -p "$DIR/run" "$DIR/state" "$DIR/home"
	printf '%s:{PLAIN}%s::::\n' "$USER_NAME" "$PASSWORD" >"$DIR/users"
	chmod 0644 "$DIR/users"
	if [ "$(id -u)" = 0 ]; then
		chown -R "$MAILUSER:$MAILGROUP" "$DIR/home"
		d=$DIR
		while [ "$d" != / ]; do
			chmod o+x "$d"
			d=$(dirname "$d")
		done
	fi
	cat >"$CONF" <<EOF
# written by scripts/dovecot.sh: a private IMAP server for tests
base_dir = $DIR/run
state_dir = $DIR/state
log_path = $DIR/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
first_valid_gid = 1
default_internal_user = $MAILUSER
default_internal_group = $MAILGROUP
default_login_user = $LOGINUSER
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $DIR/users
}
userdb {
  driver = static
  args = uid=$MAILUSER gid=$MAILGROUP home=$DIR/home/%u
}
mail_location = $STORE:~/$STORE
mail_fsync = never
$NO_CHROOT
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
}
service submission-login {
  inet_listener submission {
    port = 0
  }
}
service lmtp {
  unix_listener lmtp {
    mode = 0600
  }
}
EOF
	dovecot -c "$CONF" || die "dovecot did not start (see $DIR/dovecot.log)"
	for _ in $(seq 1 100); do
		if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
			say "listening on 127.0.0.1:$PORT"
			exit 0
		fi
		sleep 0.1
	done
	die "dovecot does not answer on port $PORT (see $DIR/dovecot.log)"
	;;
deliver)
	[ $# -ge 3 ] || usage
	USER_NAME=$3
	shift 3
	MD=$DIR/incoming/$$
	mkdir -p "$MD/new" "$MD/cur" "$MD/tmp"
	# A Maildir written here (tmp/, renamed into new/), under names unique
	# to this delivery, then imported into USER's INBOX by one doveadm
	# for any number of files.
	python3 - "$MD" "$@" <<'PY'
import os, shutil, sys, time
md, files = sys.argv[1], sys.argv[2:]
stamp = '%d.%d' % (time.time_ns(), os.getpid())
for n, f in enumerate(files):
    name = '%s_%d.madang-test' % (stamp, n)
    shutil.copyfile(f, os.path.join(md, 'tmp', name))
    os.rename(os.path.join(md, 'tmp', name), os.path.join(md, 'new', name))
PY
	[ "$(id -u)" = 0 ] && chown -R "$MAILUSER:$MAILGROUP" "$DIR/incoming"
	doveadm -c "$CONF" import -u "$USER_NAME" "maildir:$MD:INDEX=MEMORY" "" mailbox INBOX ||
		die "doveadm import into $USER_NAME's INBOX failed"
	rm -rf "$MD"
	exit 0
	;;
count)
	[ $# -eq 4 ] || usage
	# A folder not made yet holds none.
	n=$(doveadm -c "$CONF" -f tab mailbox status -u "$3" messages "$4" 2>/dev/null | awk 'END { print $NF }') || n=0
	echo "${n:-0}"
	;;
text)
	[ $# -eq 4 ] || usage
	doveadm -c "$CONF" fetch -u "$3" text mailbox "$4"
	;;
stop)
	[ -f "$CONF" ] || exit 0
	doveadm -c "$CONF" stop 2>/dev/null || true
	for _ in $(seq 1 100); do
		[ -e "$DIR/run/master.pid" ] || exit 0
		sleep 0.1
	done
	;;
*)
	usage
	;;
esac
