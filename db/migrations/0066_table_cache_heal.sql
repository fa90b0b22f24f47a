-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0066_table_cache_heal: a way for the application to drop the unused
-- tables of the server's table cache, which it needs after MariaDB kept a
-- table there whose trigger failed to parse (lib/db/db.c,
-- db_trigger_cache_fault: a statement killed, by a Galera conflict or a
-- timeout, while it opened the table; every later INSERT into cases then
-- failed). FLUSH LOCAL TABLES without a list only closes the tables no
-- statement uses (no lock, no wait) and is not replicated (LOCAL): the
-- fault is this server's own. It needs the global right RELOAD, which the
-- application's account does not hold: this procedure runs it with its
-- definer's, the migrator's (madangctl setup grants the migrator RELOAD,
-- migrate_grant_app the application's role EXECUTE on this procedure
-- alone).
CREATE PROCEDURE table_cache_heal()
  SQL SECURITY DEFINER
  FLUSH LOCAL TABLES;
