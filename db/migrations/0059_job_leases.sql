-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0059_job_leases: who runs a job that only one process may run at a time
-- (issue 16, section 2). The proposal review scan and the retention job
-- used the server's named locks (GET_LOCK), which a Galera cluster keeps
-- per node: two notifiers on two nodes would both run them. A lease is a
-- row: one UPDATE takes it when it is free (until in the past) or already
-- the taker's, and two nodes taking it at once conflict on the row, so one
-- of them loses (lib/jobs/lease.c). A holder that dies leaves it until
-- `until` passes.

CREATE TABLE job_leases (
  name   VARCHAR(64)  NOT NULL PRIMARY KEY,
  owner  VARCHAR(128) NOT NULL DEFAULT '',
  until  DATETIME     NOT NULL DEFAULT '1970-01-01 00:00:01'
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

INSERT INTO job_leases (name) VALUES ('proposal_review'), ('retention');
