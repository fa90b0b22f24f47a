<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# macros.cs: pieces shared by the pages. ?><?cs

# The idempotency key of a form that creates something (the handler's
# web_idem_start): the same form sent twice creates once. ?><?cs
def:idem_field() ?><input type="hidden" name="idem" value="<?cs var:Idem ?>"><?cs
/def ?><?cs

# The error message of one form field, tied to it by aria-describedby. ?><?cs
def:field_error(name) ?><?cs
  if:Form.Err[name] ?><p class="field-error" id="err-<?cs var:name ?>"><?cs var:L.Err[Form.Err[name]] ?></p><?cs
  /if ?><?cs
/def ?><?cs

# aria attributes for a field that may be in error. ?><?cs
def:field_aria(name) ?><?cs
  if:Form.Err[name] ?> aria-invalid="true" aria-describedby="err-<?cs var:name ?>"<?cs /if ?><?cs
/def ?><?cs

# Previous / next links; base ends with '?' or '&'. Pager.PrevKey and
# Pager.NextKey, when set, name the row the link's page starts from. ?><?cs
def:pager(base) ?><?cs
  if:Pager.Pages > 1 ?>
<nav class="pager" aria-label="<?cs var:L.Pager.Label ?>">
  <?cs if:Pager.Prev ?><a rel="prev" href="<?cs var:base ?>page=<?cs var:Pager.Prev ?><?cs if:Pager.PrevKey ?>&amp;before=<?cs var:Pager.PrevKey ?><?cs /if ?>"><?cs var:L.Pager.Prev ?></a><?cs /if ?>
  <span><?cs var:Pager.Page ?> / <?cs var:Pager.Pages ?></span>
  <?cs if:Pager.Next ?><a rel="next" href="<?cs var:base ?>page=<?cs var:Pager.Next ?><?cs if:Pager.NextKey ?>&amp;after=<?cs var:Pager.NextKey ?><?cs /if ?>"><?cs var:L.Pager.Next ?></a><?cs /if ?>
</nav><?cs
  /if ?><?cs
/def ?><?cs

# A status as a labelled badge. ?><?cs
def:status(s) ?><span class="status status-<?cs var:s ?>"><?cs var:L.Status[s] ?></span><?cs
/def ?><?cs
# A person's name (an author, a filer), or "Former member" for an
# account its owner closed (SQL_PERSON in lib/db/sql.h gives the mark
# PERSON_CLOSED of core/text.h, which every page has as Person.Closed: a
# control character no real name holds). ?><?cs
def:person(name) ?><?cs if:Person.Closed && name == Person.Closed ?><?cs var:L.FormerMember ?><?cs else ?><?cs var:name ?><?cs /if ?><?cs
/def ?>
