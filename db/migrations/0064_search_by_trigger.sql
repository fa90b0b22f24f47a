-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0064_search_by_trigger: every node of a Galera cluster keeps its own
-- Mroonga search indexes (issue 16). Galera replicates only InnoDB rows: a
-- search row written on one node never reached the others. With
-- slave_run_triggers_for_rbr = ENFORCE (a Galera node's setting,
-- docs/operations.md "A Galera cluster") each node's applier runs a
-- table's triggers for the rows it applies, so these triggers fill the
-- node's index from the replicated case, proposal and post, as the writer
-- (the application, a seed, an import) filled it on the node it wrote on.
-- They act only in Galera's applier, whose USER() is '<wsrep_applier>@'
-- (MariaDB 10.11): elsewhere, and on every single server, the writer's own
-- search row stays the only one, as before.
-- ENFORCE runs every trigger on the appliers, so the triggers whose writes
-- are InnoDB rows (replicated already: the origin's trigger wrote them)
-- must not write again there: they now skip the applier. The
-- BEFORE triggers of 0007 (a case's apology_due and remind_at) compute the
-- same values from the replicated row, and the append-only guards of audit_log
-- and mileage_ledger never see an UPDATE or DELETE, so they stay as they are.

CREATE TRIGGER case_search_insert AFTER INSERT ON cases FOR EACH ROW
  REPLACE INTO case_search (case_id, created_at, title, body)
  SELECT NEW.id, NEW.created_at, NEW.title, NEW.body FROM DUAL WHERE USER() LIKE '<wsrep_applier>@%';
CREATE TRIGGER case_search_update AFTER UPDATE ON cases FOR EACH ROW
  REPLACE INTO case_search (case_id, created_at, title, body)
  SELECT NEW.id, NEW.created_at, NEW.title, NEW.body FROM DUAL
  WHERE USER() LIKE '<wsrep_applier>@%'
    AND NOT (NEW.title <=> OLD.title AND NEW.body <=> OLD.body AND NEW.created_at <=> OLD.created_at);

CREATE TRIGGER proposal_search_insert AFTER INSERT ON proposals FOR EACH ROW
  REPLACE INTO proposal_search (proposal_id, created_at, title, body)
  SELECT NEW.id, NEW.created_at, NEW.title, CONCAT_WS('\n', NEW.problem, NEW.proposal, NEW.effect) FROM DUAL
  WHERE USER() LIKE '<wsrep_applier>@%';
CREATE TRIGGER proposal_search_update AFTER UPDATE ON proposals FOR EACH ROW
  REPLACE INTO proposal_search (proposal_id, created_at, title, body)
  SELECT NEW.id, NEW.created_at, NEW.title, CONCAT_WS('\n', NEW.problem, NEW.proposal, NEW.effect) FROM DUAL
  WHERE USER() LIKE '<wsrep_applier>@%'
    AND NOT (NEW.title <=> OLD.title AND NEW.problem <=> OLD.problem AND NEW.proposal <=> OLD.proposal
             AND NEW.effect <=> OLD.effect AND NEW.created_at <=> OLD.created_at);

-- A post leaves the search when it is deleted (moderation 'deleted', as
-- lib/communities/board.c does); an edit of a post not deleted rewrites it.
CREATE TRIGGER community_post_search_insert AFTER INSERT ON community_posts FOR EACH ROW
  REPLACE INTO community_post_search (post_id, community_id, title, body)
  SELECT NEW.id, NEW.community_id, NEW.title, NEW.body FROM DUAL
  WHERE USER() LIKE '<wsrep_applier>@%' AND NEW.moderation <> 'deleted';
CREATE TRIGGER community_post_search_delete AFTER UPDATE ON community_posts FOR EACH ROW
  DELETE FROM community_post_search
  WHERE post_id = NEW.id AND NEW.moderation = 'deleted' AND OLD.moderation <> 'deleted'
    AND USER() LIKE '<wsrep_applier>@%';
CREATE TRIGGER community_post_search_update AFTER UPDATE ON community_posts FOR EACH ROW
  REPLACE INTO community_post_search (post_id, community_id, title, body)
  SELECT NEW.id, NEW.community_id, NEW.title, NEW.body FROM DUAL
  WHERE USER() LIKE '<wsrep_applier>@%' AND NEW.moderation <> 'deleted'
    AND NOT (NEW.title <=> OLD.title AND NEW.body <=> OLD.body AND NEW.community_id <=> OLD.community_id);

-- 0017's and 0063's triggers again, their writes in a procedure each that
-- skips Galera's applier: an IF, not a condition in the UPDATE's WHERE,
-- because where a writeset is applied the statement that fires them
-- already writes the counter (the origin's trigger's row), and an UPDATE of
-- it there fails (1442) even when it matches no row. The same holds when a
-- node replays its own transaction (Galera aborted it for a conflicting
-- writeset after it certified): the writeset is applied in the client's
-- session, whose USER() is the client's, so the handler takes 1442 as "the
-- writeset holds the counter's row already"; where it holds none, the
-- origin's UPDATE matched no row and this one, on the same rows, matches
-- none either.
CREATE PROCEDURE holidays_version_bump()
BEGIN
  DECLARE CONTINUE HANDLER FOR 1442 BEGIN END;
  IF USER() NOT LIKE '<wsrep_applier>@%' THEN
    UPDATE holidays_version SET version = version + 1 WHERE id = 1;
  END IF;
END;
-- delta: the item's move into (1) or out of (-1) the count of kind.
CREATE PROCEDURE public_counts_add(IN counted VARCHAR(16), IN item BIGINT UNSIGNED, IN delta INT)
BEGIN
  DECLARE CONTINUE HANDLER FOR 1442 BEGIN END;
  IF delta <> 0 AND USER() NOT LIKE '<wsrep_applier>@%' THEN
    UPDATE public_counts SET n = n + delta WHERE what = counted AND slot = item % 16;
  END IF;
END;

DROP TRIGGER holidays_version_insert;
DROP TRIGGER holidays_version_update;
DROP TRIGGER holidays_version_delete;
CREATE TRIGGER holidays_version_insert AFTER INSERT ON holidays FOR EACH ROW CALL holidays_version_bump();
CREATE TRIGGER holidays_version_update AFTER UPDATE ON holidays FOR EACH ROW CALL holidays_version_bump();
CREATE TRIGGER holidays_version_delete AFTER DELETE ON holidays FOR EACH ROW CALL holidays_version_bump();

DROP TRIGGER public_counts_case_insert;
DROP TRIGGER public_counts_case_update;
DROP TRIGGER public_counts_case_delete;
DROP TRIGGER public_counts_proposal_insert;
DROP TRIGGER public_counts_proposal_update;
DROP TRIGGER public_counts_proposal_delete;
CREATE TRIGGER public_counts_case_insert AFTER INSERT ON cases FOR EACH ROW
  CALL public_counts_add('cases', NEW.id, NEW.is_public = 1);
CREATE TRIGGER public_counts_case_update AFTER UPDATE ON cases FOR EACH ROW
  CALL public_counts_add('cases', NEW.id, NEW.is_public - OLD.is_public);
CREATE TRIGGER public_counts_case_delete AFTER DELETE ON cases FOR EACH ROW
  CALL public_counts_add('cases', OLD.id, -(OLD.is_public = 1));
CREATE TRIGGER public_counts_proposal_insert AFTER INSERT ON proposals FOR EACH ROW
  CALL public_counts_add('proposals', NEW.id, NEW.moderation = 'visible' AND NEW.state <> 'withdrawn');
CREATE TRIGGER public_counts_proposal_update AFTER UPDATE ON proposals FOR EACH ROW
  CALL public_counts_add('proposals', NEW.id, (NEW.moderation = 'visible' AND NEW.state <> 'withdrawn')
                                              - (OLD.moderation = 'visible' AND OLD.state <> 'withdrawn'));
CREATE TRIGGER public_counts_proposal_delete AFTER DELETE ON proposals FOR EACH ROW
  CALL public_counts_add('proposals', OLD.id, -(OLD.moderation = 'visible' AND OLD.state <> 'withdrawn'));
