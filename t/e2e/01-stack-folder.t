# SPDX-License-Identifier: AGPL-3.0-or-later
# 01-stack-folder.t: a stack keeps its temporary files in its own
# folder. mariadb-install-db's bootstrap put its temporary tables in the
# shared /tmp, where installs of stacks started side by side (the test
# files of a parallel run, several make test at once) met now and then and
# failed ("Unknown table 'mysql.tmp_user_sys'"). With TMPDIR pointing at
# nothing, a stack that still used the shared tmpdir cannot start at all,
# which turns that rare collision into a certain failure here.
#
# The stack's folder is named var/, as make run's is: its nginx access log
# is then .../var/log/nginx-access.log, which a check of stack.sh once took
# for the packaged /var/log/nginx path it had failed to replace, so make
# run could not start (found by CI's make run in a fresh Debian 12 root).
use strict;
use warnings;
use Test::More;
use Madang::Test;

my $s = Madang::Test->start(folder => 'var', stack_env => { TMPDIR => '/nonexistent/madang-shared-tmp' });
ok $s, 'the stack starts in a folder var/, with TMPDIR pointing at no folder';
my $r = $s->ua->get($s->url('/healthz'));
is $r->code, 200, '... and answers /healthz';
is $s->sql_value('SELECT COUNT(*) FROM schema_migrations') > 0 ? 1 : 0, 1, '... with its database migrated';
$s->stop;
done_testing;
