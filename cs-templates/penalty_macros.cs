<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# penalty_macros.cs: one penalty's facts (its reason, state and
# objection) as the person (portal/my.cs) and the moderators
# (staff/penalties.cs) read them; staff also see what it was about and
# who decided it. ?><?cs
def:penalty_facts(p, staff) ?>
    <dl class="facts">
      <dt><?cs var:L.Mileage.Reason.Label ?></dt><dd><?cs var:p.reason ?><?cs if:staff && p.kind ?> (<?cs var:L.Mileage.Kind[p.kind] ?> <?cs var:p.item_id ?>)<?cs /if ?></dd><?cs
  if:staff ?>
      <dt><?cs var:L.Mileage.DecidedBy ?></dt><dd><?cs var:p.decided_by_name ?></dd><?cs
  /if ?>
      <dt><?cs var:L.Mileage.State ?></dt><dd><?cs if:p.lifted ?><?cs var:L.Mileage.Lifted ?> <?cs var:p.lifted ?>: <?cs var:p.lift_reason ?><?cs elif:p.active == "1" ?><?cs var:L.Mileage.Active ?><?cs else ?><?cs var:L.Mileage.Over ?><?cs /if ?></dd><?cs
  if:p.objection_state != "none" ?>
      <dt><?cs var:L.Mileage.Objection ?></dt><dd><?cs var:p.objection ?> (<?cs var:L.Mileage.ObjectionState[p.objection_state] ?><?cs if:staff ?> <?cs var:p.objected ?><?cs /if ?><?cs if:p.objection_answer ?>: <?cs var:p.objection_answer ?><?cs /if ?>)</dd><?cs
  /if ?>
    </dl><?cs
/def ?>
