<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# holidays.cs: the holidays of one year, each removable, and the form to
# add one. ?>
<?cs include:"fields.cs" ?>
<h1><?cs var:L.Title.AdminHolidays ?>: <?cs var:Year.This ?></h1>
<?cs include:"admin/org/nav.cs" ?>
<p><?cs var:L.Admin.Holiday.Lead ?></p>
<nav class="pager" aria-label="<?cs var:L.Admin.Holiday.YearNav ?>">
  <a rel="prev" href="/admin/holidays?year=<?cs var:Year.Prev ?>"><?cs var:L.Admin.Holiday.PrevYear ?> (<?cs var:Year.Prev ?>)</a>
  <span><?cs var:Year.This ?></span>
  <a rel="next" href="/admin/holidays?year=<?cs var:Year.Next ?>"><?cs var:L.Admin.Holiday.NextYear ?> (<?cs var:Year.Next ?>)</a>
</nav>
<?cs if:subcount(Holidays) == 0 ?>
<p><?cs var:L.Admin.Holiday.Empty ?></p>
<?cs else ?>
<table class="cases">
  <caption class="visually-hidden"><?cs var:L.Title.AdminHolidays ?>: <?cs var:Year.This ?></caption>
  <thead><tr>
    <th scope="col"><?cs var:L.Admin.Holiday.Day ?></th>
    <th scope="col"><?cs var:L.Admin.Holiday.Name ?></th>
    <th scope="col"><?cs var:L.Admin.Holiday.Weekday ?></th>
    <th scope="col"><span class="visually-hidden"><?cs var:L.Admin.Holiday.Remove ?></span></th>
  </tr></thead>
  <tbody>
<?cs each:h = Holidays ?>
    <tr>
      <td data-label="<?cs var:L.Admin.Holiday.Day ?>"><time datetime="<?cs var:h.day ?>"><?cs var:h.day ?></time></td>
      <td data-label="<?cs var:L.Admin.Holiday.Name ?>"><?cs var:h.name ?></td>
      <td data-label="<?cs var:L.Admin.Holiday.Weekday ?>"><?cs var:L.Admin.Weekday[h.weekday] ?></td>
      <td data-label="<?cs var:L.Admin.Holiday.Remove ?>"><?cs
        call:row_action("/admin/holidays", "remove", "day", h.day, L.Admin.Holiday.Remove, h.day + " " + h.name) ?>
      </td>
    </tr>
<?cs /each ?>
  </tbody>
</table>
<?cs /if ?>
<h2 id="add-h"><?cs var:L.Admin.Holiday.Add ?></h2>
<?cs call:form_errors() ?>
<form method="post" action="/admin/holidays" class="stack" aria-labelledby="add-h">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <input type="hidden" name="action" value="add">
  <div class="row"><?cs
  call:date_input_field("day", L.Admin.Holiday.Day, "day-hint", L.Admin.Holiday.DayHint) ?><?cs
  call:text_input_field("name", L.Admin.Holiday.Name, 100, "") ?>
  </div>
  <button type="submit" class="primary"><?cs var:L.Admin.Button.Add ?></button>
</form>
