<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# debates.cs: the debates of the staff member's departments, and the way
# to open one (moderators and supervisors). ?><?cs
include:"debate_macros.cs" ?>
<h1><?cs var:L.Title.StaffDebates ?></h1>
<p class="lead"><?cs var:L.Debate.Staff.List ?></p>
<?cs if:Staff.MayOpen == "1" ?><p class="actions"><a class="button primary" href="/staff/debates/new"><?cs var:L.Debate.Staff.New ?></a></p><?cs /if ?>
<?cs call:debate_lists("/staff/debates/", "/staff/debates") ?>
