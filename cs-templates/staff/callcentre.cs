<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# callcentre.cs: the call centre's console (상담원 콘솔): find a caller by
# phone number, name, e-mail or tracking number (a phone system opens
# /staff/callcentre?caller=NUMBER), the callers found (each view audited),
# the callback queue, and the form to file for a new caller. ?><?cs
include:"fields.cs" ?>
<h1><?cs var:L.Title.CallCentre ?></h1>
<p><?cs var:L.CallCentre.Lead ?></p>
<p><a href="/staff/callbacks"><?cs var:L.CallCentre.Callbacks ?></a>: <?cs var:CallCentre.Callbacks ?></p>
<form method="get" action="/staff/callcentre" class="filters" role="search">
  <div class="field">
    <label for="q"><?cs var:L.CallCentre.Search ?></label>
    <input type="search" id="q" name="q" maxlength="100" value="<?cs var:Filter.q ?>"<?cs call:field_aria_hint("q", "q-hint") ?>>
    <p class="hint" id="q-hint"><?cs var:L.CallCentre.SearchHint ?></p>
    <?cs call:field_error("q") ?>
  </div>
  <button type="submit"><?cs var:L.CallCentre.Find ?></button>
</form>
<?cs if:Search.Done ?>
<section aria-labelledby="found-h">
<h2 id="found-h"><?cs var:L.CallCentre.Found ?> <?cs var:Search.Count ?></h2>
<?cs if:subcount(Callers) > 0 ?>
<table class="callers">
  <caption class="visually-hidden"><?cs var:L.CallCentre.Found ?></caption>
  <thead><tr>
    <th scope="col"><?cs var:L.Field.name ?></th>
    <th scope="col"><?cs var:L.Field.mobile ?></th>
    <th scope="col"><?cs var:L.Field.email ?></th>
    <th scope="col"><?cs var:L.CallCentre.Kind ?></th>
    <th scope="col"><?cs var:L.CallCentre.CaseCount ?></th>
  </tr></thead>
  <tbody><?cs
each:c = Callers ?>
    <tr>
      <td data-label="<?cs var:L.Field.name ?>"><a href="/staff/callcentre/callers/<?cs var:c.id ?><?cs if:Search.Phone ?>?phone=<?cs var:Search.Phone ?><?cs /if ?>"><?cs if:c.name ?><?cs var:c.name ?><?cs else ?><?cs var:L.CallCentre.NoName ?><?cs /if ?></a></td>
      <td data-label="<?cs var:L.Field.mobile ?>"><?cs if:c.mobile_shown ?><?cs var:c.mobile_shown ?><?cs else ?>-<?cs /if ?></td>
      <td data-label="<?cs var:L.Field.email ?>"><?cs if:c.email ?><?cs var:c.email ?><?cs else ?>-<?cs /if ?></td>
      <td data-label="<?cs var:L.CallCentre.Kind ?>"><?cs var:L.CallCentre.Kinds[c.kind] ?></td>
      <td data-label="<?cs var:L.CallCentre.CaseCount ?>"><?cs var:c.cases ?></td>
    </tr><?cs
/each ?>
  </tbody>
</table>
<?cs else ?>
<p><?cs var:L.CallCentre.NoneFound ?></p>
<?cs /if ?>
</section>
<?cs /if ?>
<section aria-labelledby="new-h">
<h2 id="new-h"><?cs var:L.CallCentre.NewCaller ?></h2>
<?cs call:form_errors() ?>
<?cs include:"staff/callcentre_file.cs" ?>
</section>
