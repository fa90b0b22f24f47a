<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# parts.cs: the lines the SMS texts are made of (see README). Each line
# ends in its line break and is left out when its value is empty; the
# tags here are joined end to start, so that they add no line breaks. ?><?cs

# The first line: the site, what happened (word) and the tracking number. ?><?cs
def:sms_head(word) ?>[<?cs var:L.Site.Name ?>] <?cs var:word ?> <?cs var:Notice.tracking ?>
<?cs /def ?><?cs

# One fact of the notice (Notice[name]) as "label: value". ?><?cs
def:sms_fact(name, label) ?><?cs if:Notice[name] ?><?cs var:label ?>: <?cs var:Notice[name] ?>
<?cs /if ?><?cs /def ?><?cs

# A text of three lines: the head, one fact and the link (url). ?><?cs
def:sms_short(word, name, label, url) ?><?cs
  call:sms_head(word) ?><?cs
  call:sms_fact(name, label) ?><?cs
  var:url ?><?cs
/def ?><?cs

# The citizen's usual text: the department, the expected answer (else the
# deadline) and the link to the case. ?><?cs
def:sms_citizen(word) ?><?cs
  call:sms_head(word) ?><?cs
  call:sms_fact("department", L.Mail.Department) ?><?cs
  if:Notice.expected ?><?cs call:sms_fact("expected", L.Mail.Expected) ?><?cs
  else ?><?cs call:sms_fact("due", L.Mail.Due) ?><?cs /if ?><?cs
  var:Notice.case_url ?><?cs
/def ?>
