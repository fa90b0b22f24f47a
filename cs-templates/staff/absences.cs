<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# absences.cs: absences and substitutes (부재시 대체 담당자): the list of
# one's own and, for managers, their staff's; a form to add one (for
# managers, after choosing whose: the substitutes are that person's
# colleagues); deleting one that has not started, ending one that has
# begun. The month calendar is staff/absence_calendar.cs. ?>
<?cs include:"staff/absence_views.cs" ?><?cs include:"fields.cs" ?><?cs

# A button that POSTs to /staff/absences/ID/verb (delete, end) for a. ?><?cs
def:absence_action(a, verb, label) ?>
        <form method="post" action="/staff/absences/<?cs var:a.id ?>/<?cs var:verb ?>" class="inline">
          <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
          <button type="submit" class="link" aria-label="<?cs var:label ?>: <?cs var:a.name ?> <?cs var:a.first ?> ~ <?cs var:a.last ?>"><?cs var:label ?></button>
        </form><?cs
/def ?>
<h1><?cs var:L.Title.Absences ?></h1>
<p class="lead"><?cs var:L.Absence.Lead ?></p>
<?cs call:absence_views("list") ?>
<?cs if:Absence.Moved > 0 ?><p class="flash" role="status"><?cs var:L.Absence.Moved ?> <?cs var:Absence.Moved ?></p><?cs /if ?>
<?cs if:subcount(Absences) > 0 ?>
<table class="cases">
  <caption class="visually-hidden"><?cs var:L.Absence.List ?></caption>
  <thead><tr>
    <th scope="col"><?cs var:L.Absence.Col.name ?></th>
    <th scope="col"><?cs var:L.Absence.Col.kind ?></th>
    <th scope="col"><?cs var:L.Absence.Col.period ?></th>
    <th scope="col"><?cs var:L.Absence.Col.substitute ?></th>
    <th scope="col"><?cs var:L.Absence.Col.state ?></th>
    <th scope="col"><?cs var:L.Absence.Col.action ?></th>
  </tr></thead>
  <tbody>
<?cs each:a = Absences ?>
    <tr>
      <td data-label="<?cs var:L.Absence.Col.name ?>"><?cs var:a.name ?></td>
      <td data-label="<?cs var:L.Absence.Col.kind ?>"><?cs var:L.Absence.Kind[a.kind] ?></td>
      <td data-label="<?cs var:L.Absence.Col.period ?>"><?cs var:a.first ?> ~ <?cs var:a.last ?></td>
      <td data-label="<?cs var:L.Absence.Col.substitute ?>"><?cs if:a.substitute ?><?cs var:a.substitute ?><?cs else ?><?cs var:L.Absence.NoSubstitute ?><?cs /if ?></td>
      <td data-label="<?cs var:L.Absence.Col.state ?>"><?cs var:L.Absence.State[a.state] ?><?cs if:a.handed_over == "1" ?> · <?cs var:L.Absence.HandedOver ?><?cs /if ?></td>
      <td data-label="<?cs var:L.Absence.Col.action ?>"><?cs
        if:a.state == "future" ?><?cs call:absence_action(a, "delete", L.Absence.Delete) ?><?cs
        elif:a.state == "current" ?><?cs call:absence_action(a, "end", L.Absence.End) ?><?cs
        else ?>-<?cs /if ?></td>
    </tr>
<?cs /each ?>
  </tbody>
</table>
<?cs else ?>
<p><?cs var:L.Absence.None ?></p>
<?cs /if ?>
<h2 id="absence-add-h"><?cs var:L.Absence.Add ?></h2>
<?cs if:subcount(People) > 1 ?><?cs
  # Whose absence first: the substitutes offered are that person's
  # colleagues, never the person, and this works without JavaScript. ?>
<form method="get" action="/staff/absences#absence-add-h" class="inline-choice" aria-label="<?cs var:L.Absence.ForLabel ?>">
  <div class="field">
    <label for="for"><?cs var:L.Absence.ForLabel ?></label>
    <select id="for" name="for">
<?cs each:p = People ?>
      <option value="<?cs var:p.id ?>"<?cs if:p.id == Form.account ?> selected<?cs /if ?>><?cs var:p.name ?></option>
<?cs /each ?>
    </select>
  </div>
  <button type="submit"><?cs var:L.Absence.ForButton ?></button>
</form>
<?cs /if ?>
<?cs call:form_errors() ?>
<form method="post" action="/staff/absences" class="stack" aria-labelledby="absence-add-h">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <input type="hidden" name="account" value="<?cs var:Form.account ?>">
<?cs if:subcount(People) > 1 ?>
  <p class="chosen"><?cs var:L.Absence.ForLabel ?>: <strong><?cs var:Form.account_name ?></strong></p>
<?cs /if ?>
  <?cs call:field_error("account") ?>
  <fieldset>
    <legend><?cs var:L.Absence.Field.kind ?></legend>
<?cs each:k = L.Absence.Kind ?>
    <div class="field check">
      <input type="radio" id="kind-<?cs name:k ?>" name="kind" value="<?cs name:k ?>"<?cs if:name(k) == Form.kind ?> checked<?cs /if ?>>
      <label for="kind-<?cs name:k ?>"><?cs var:k ?></label>
    </div>
<?cs /each ?>
    <?cs call:field_error("kind") ?>
  </fieldset>
  <div class="row"><?cs
  call:date_input_field("first", L.Absence.Field.first, "", "") ?><?cs
  call:date_input_field("last", L.Absence.Field.last, "", "") ?>
  </div>
  <div class="field">
    <label for="substitute"><?cs var:L.Absence.Field.substitute ?></label>
    <select id="substitute" name="substitute" required<?cs call:field_aria("substitute") ?>>
      <option value=""><?cs var:L.Field.choose ?></option>
<?cs each:g = SubGroups ?>
      <optgroup label="<?cs var:g.name ?>">
<?cs each:p = g.People ?>
        <option value="<?cs var:p.id ?>"<?cs if:p.id == Form.substitute ?> selected<?cs /if ?>><?cs var:p.name ?></option>
<?cs /each ?>
      </optgroup>
<?cs /each ?>
    </select>
    <p class="hint"><?cs var:L.Absence.Hint.substitute ?></p>
    <?cs call:field_error("substitute") ?>
  </div>
<?cs call:checkbox_field("handover", L.Absence.Field.handover, "", L.Absence.Hint.handover) ?>
  <button type="submit" class="primary"><?cs var:L.Absence.Button ?></button>
</form>
