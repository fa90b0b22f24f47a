<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # sms_reply.cs: the answer to an SMS a person sent (lib/intake/sms_in.c);
   Notice.reply says which: filed (the default), added, status, unknown,
   ask ("1 = add, 2 = new"), nochoice or toolong (a text over Notice.max
   characters, not filed). Words in L.SmsIn.* (sms.hdf). ?>
<?cs include:"sms/parts.cs" ?><?cs
if:Notice.reply == "status" ?><?cs
  call:sms_head(L.SmsIn.status) ?><?cs
  var:L.SmsIn.StatusLabel ?>: <?cs var:L.SmsIn.Status[Notice.status] ?>
<?cs call:sms_fact("department", L.Mail.Department) ?><?cs
  var:Notice.case_url ?><?cs
elif:Notice.reply == "unknown" ?><?cs
  call:sms_head(L.SmsIn.unknown) ?><?cs
elif:Notice.reply == "ask" ?><?cs
  call:sms_head(L.SmsIn.ask) ?>1 = <?cs var:L.SmsIn.Add ?>
2 = <?cs var:L.SmsIn.New ?>
<?cs var:L.SmsIn.Reply ?><?cs
elif:Notice.reply == "nochoice" ?>[<?cs var:L.Site.Name ?>] <?cs var:L.SmsIn.nochoice ?><?cs
elif:Notice.reply == "toolong" ?>[<?cs var:L.Site.Name ?>] <?cs var:L.SmsIn.toolong ?> <?cs var:Notice.max ?><?cs
elif:Notice.reply == "added" ?><?cs
  call:sms_head(L.SmsIn.added) ?><?cs
  var:Notice.case_url ?><?cs
else ?><?cs
  call:sms_citizen(L.SmsIn.filed) ?><?cs
/if ?>
