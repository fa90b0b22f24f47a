<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# callcentre_caller.cs: one caller's history in the call centre (the view
# is audited): their contact and consents, their cases with status and
# last contact, earlier calls, ratings, and for this call the forms to
# note it on a case and to file a new case for them. ?><?cs
include:"fields.cs" ?>
<h1><?cs var:L.Title.CallCentreCaller ?>: <?cs if:Caller.name ?><?cs var:Caller.name ?><?cs else ?><?cs var:L.CallCentre.NoName ?><?cs /if ?></h1>
<?cs if:CallCentre.Filed ?>
<p class="flash" role="status"><?cs var:L.CallCentre.Filed ?> <a href="/staff/cases/<?cs var:CallCentre.Filed ?>"><?cs var:CallCentre.Filed ?></a></p>
<?cs /if ?>
<p><a href="/staff/callcentre"><?cs var:L.CallCentre.Back ?></a> · <a href="/staff/callbacks"><?cs var:L.CallCentre.Callbacks ?></a>: <?cs var:CallCentre.Callbacks ?></p>
<dl class="facts">
  <dt><?cs var:L.CallCentre.Kind ?></dt><dd><?cs var:L.CallCentre.Kinds[Caller.kind] ?></dd>
  <dt><?cs var:L.Field.mobile ?></dt><dd><?cs if:Caller.mobile_shown ?><a href="tel:<?cs var:Caller.mobile_shown ?>"><?cs var:Caller.mobile_shown ?></a><?cs else ?>-<?cs /if ?></dd>
  <dt><?cs var:L.Field.email ?></dt><dd><?cs if:Caller.email ?><?cs var:Caller.email ?><?cs else ?>-<?cs /if ?></dd>
  <dt><?cs var:L.CallCentre.Since ?></dt><dd><?cs var:Caller.since ?></dd>
  <dt><?cs var:L.CallCentre.Consent ?></dt><dd><?cs
if:Caller.consent_phone ?><?cs var:L.CallCentre.ConsentPhone ?> <?cs var:Caller.consent_phone ?> (<?cs var:Caller.consent_agent ?>)<?cs
elif:Caller.consent_web ?><?cs var:L.CallCentre.ConsentWeb ?> <?cs var:Caller.consent_web ?><?cs
else ?><?cs var:L.CallCentre.ConsentNone ?><?cs /if ?></dd>
</dl>

<section aria-labelledby="cases-h">
<h2 id="cases-h"><?cs var:L.CallCentre.Cases ?></h2>
<?cs if:subcount(CallerCases) > 0 ?>
<table class="cases">
  <caption class="visually-hidden"><?cs var:L.CallCentre.Cases ?></caption>
  <thead><tr>
    <th scope="col"><?cs var:L.Col.Tracking ?></th>
    <th scope="col"><?cs var:L.Col.Title ?></th>
    <th scope="col"><?cs var:L.Col.Status ?></th>
    <th scope="col"><?cs var:L.CallCentre.Channel ?></th>
    <th scope="col"><?cs var:L.Col.Department ?></th>
    <th scope="col"><?cs var:L.Col.Date ?></th>
    <th scope="col"><?cs var:L.CallCentre.LastContact ?></th>
  </tr></thead>
  <tbody><?cs
each:c = CallerCases ?>
    <tr>
      <td data-label="<?cs var:L.Col.Tracking ?>"><a href="/staff/cases/<?cs var:c.tracking ?>"><?cs var:c.tracking ?></a></td>
      <td data-label="<?cs var:L.Col.Title ?>"><?cs var:c.title ?> <span class="meta">(<?cs var:c.category ?>)</span></td>
      <td data-label="<?cs var:L.Col.Status ?>"><?cs call:status(c.status) ?></td>
      <td data-label="<?cs var:L.CallCentre.Channel ?>"><?cs var:L.Inbox.Channel[c.channel] ?></td>
      <td data-label="<?cs var:L.Col.Department ?>"><?cs if:c.department ?><?cs var:c.department ?><?cs else ?><?cs var:L.Dossier.NoDepartment ?><?cs /if ?></td>
      <td data-label="<?cs var:L.Col.Date ?>"><?cs var:c.date ?></td>
      <td data-label="<?cs var:L.CallCentre.LastContact ?>"><?cs var:c.last ?></td>
    </tr><?cs
/each ?>
  </tbody>
</table>
<?cs else ?>
<p><?cs var:L.CallCentre.NoCases ?></p>
<?cs /if ?>
</section>

<section aria-labelledby="calls-h">
<h2 id="calls-h"><?cs var:L.CallCentre.Calls ?></h2>
<?cs if:subcount(Calls) > 0 ?>
<table class="calls">
  <caption class="visually-hidden"><?cs var:L.CallCentre.Calls ?></caption>
  <thead><tr>
    <th scope="col"><?cs var:L.CallCentre.At ?></th>
    <th scope="col"><?cs var:L.CallCentre.Agent ?></th>
    <th scope="col"><?cs var:L.CallCentre.Phone ?></th>
    <th scope="col"><?cs var:L.Col.Tracking ?></th>
    <th scope="col"><?cs var:L.CallCentre.Note ?></th>
  </tr></thead>
  <tbody><?cs
each:k = Calls ?>
    <tr>
      <td data-label="<?cs var:L.CallCentre.At ?>"><?cs var:k.at ?></td>
      <td data-label="<?cs var:L.CallCentre.Agent ?>"><?cs var:k.agent ?></td>
      <td data-label="<?cs var:L.CallCentre.Phone ?>"><?cs if:k.phone_shown ?><?cs var:k.phone_shown ?><?cs else ?>-<?cs /if ?></td>
      <td data-label="<?cs var:L.Col.Tracking ?>"><?cs if:k.tracking ?><a href="/staff/cases/<?cs var:k.tracking ?>"><?cs var:k.tracking ?></a><?cs else ?><?cs var:L.CallCentre.NoCase ?><?cs /if ?></td>
      <td data-label="<?cs var:L.CallCentre.Note ?>" class="pre"><?cs if:k.kind == "filed" ?><?cs var:L.CallCentre.FiledCall ?><?cs if:k.note ?> <?cs var:k.note ?><?cs /if ?><?cs else ?><?cs var:k.note ?><?cs /if ?></td>
    </tr><?cs
/each ?>
  </tbody>
</table>
<?cs else ?>
<p><?cs var:L.CallCentre.NoCalls ?></p>
<?cs /if ?>
</section>

<section aria-labelledby="ratings-h">
<h2 id="ratings-h"><?cs var:L.CallCentre.Ratings ?></h2>
<?cs if:subcount(Ratings) > 0 ?>
<table class="ratings">
  <caption class="visually-hidden"><?cs var:L.CallCentre.Ratings ?></caption>
  <thead><tr>
    <th scope="col"><?cs var:L.Col.Tracking ?></th>
    <th scope="col"><?cs var:L.Rate.Rating ?></th>
    <th scope="col"><?cs var:L.Rate.RatedAt ?></th>
    <th scope="col"><?cs var:L.Rate.Comment ?></th>
    <th scope="col"><?cs var:L.CallCentre.Callback ?></th>
  </tr></thead>
  <tbody><?cs
each:s = Ratings ?>
    <tr>
      <td data-label="<?cs var:L.Col.Tracking ?>"><?cs var:s.tracking ?></td>
      <td data-label="<?cs var:L.Rate.Rating ?>"><?cs var:s.rating ?> / 5</td>
      <td data-label="<?cs var:L.Rate.RatedAt ?>"><?cs var:s.rated ?></td>
      <td data-label="<?cs var:L.Rate.Comment ?>" class="pre"><?cs if:s.comment ?><?cs var:s.comment ?><?cs else ?><?cs var:L.Rate.NoComment ?><?cs /if ?></td>
      <td data-label="<?cs var:L.CallCentre.Callback ?>"><?cs
  if:s.callback == "pending" ?><a href="/staff/callbacks"><?cs var:L.CallCentre.CallbackPending ?></a><?cs
  elif:s.callback == "done" ?><?cs var:L.CallCentre.CallbackDone ?> <?cs var:s.called ?><?cs if:s.callback_note ?>: <?cs var:s.callback_note ?><?cs /if ?><?cs
  else ?>-<?cs /if ?></td>
    </tr><?cs
/each ?>
  </tbody>
</table>
<?cs else ?>
<p><?cs var:L.CallCentre.NoRatings ?></p>
<?cs /if ?>
</section>

<section aria-labelledby="note-h">
<h2 id="note-h"><?cs var:L.CallCentre.NoteTitle ?></h2>
<?cs if:Form.Sent == "note" ?><?cs call:form_errors() ?><?cs /if ?>
<form method="post" action="/staff/callcentre/callers/<?cs var:Caller.id ?>/note" class="stack narrow">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <div class="field">
    <label for="note-phone"><?cs var:L.CallCentre.Phone ?></label>
    <input type="tel" id="note-phone" name="phone" maxlength="40" value="<?cs var:Form.phone ?>"<?cs call:field_aria("phone") ?>>
    <?cs call:field_error("phone") ?>
  </div>
  <div class="field">
    <label for="case"><?cs var:L.CallCentre.AboutCase ?></label>
    <select id="case" name="case"<?cs call:field_aria("case") ?>>
      <option value=""><?cs var:L.CallCentre.NoCase ?></option><?cs
each:c = CallerCases ?>
      <option value="<?cs var:c.id ?>"<?cs if:c.id == Form.case ?> selected<?cs /if ?>><?cs var:c.tracking ?> <?cs var:c.title ?></option><?cs
/each ?>
    </select>
    <?cs call:field_error("case") ?>
  </div>
  <div class="field">
    <label for="note"><?cs var:L.CallCentre.Note ?></label>
    <textarea id="note" name="note" rows="3" maxlength="<?cs var:Limit.Reason ?>" required<?cs call:field_aria_hint("note", "note-hint") ?>><?cs if:Form.Sent == "note" ?><?cs var:Form.note ?><?cs /if ?></textarea>
    <p class="hint" id="note-hint"><?cs var:L.CallCentre.NoteHint ?></p>
    <?cs call:field_error("note") ?>
  </div>
  <button type="submit"><?cs var:L.CallCentre.SaveNote ?></button>
</form>
</section>

<section aria-labelledby="file-h">
<h2 id="file-h"><?cs var:L.CallCentre.FileTitle ?></h2>
<?cs if:Form.Sent == "file" ?><?cs call:form_errors() ?><?cs /if ?>
<?cs include:"staff/callcentre_file.cs" ?>
</section>
