<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# debates.cs: the public list of policy debates: open, upcoming, closed. ?><?cs
include:"debate_macros.cs" ?>
<h1><?cs var:L.Title.Debates ?></h1>
<p class="lead"><?cs var:L.Debate.Lead ?></p>
<?cs call:debate_lists("/debates/", "/debates") ?>
