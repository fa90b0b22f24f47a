<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# holidays.cs: the holidays of one year, each removable, and the form to
# add one. ?>
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
      <td data-label="<?cs var:L.Admin.Holiday.Remove ?>">
        <form method="post" action="/admin/holidays" class="inline">
          <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
          <input type="hidden" name="action" value="remove">
          <input type="hidden" name="day" value="<?cs var:h.day ?>">
          <button type="submit" class="link"><?cs var:L.Admin.Holiday.Remove ?><span class="visually-hidden">: <?cs var:h.day ?> <?cs var:h.name ?></span></button>
        </form>
      </td>
    </tr>
<?cs /each ?>
  </tbody>
</table>
<?cs /if ?>
<h2 id="add-h"><?cs var:L.Admin.Holiday.Add ?></h2>
<?cs if:Form.HasErrors ?><p class="form-error" role="alert"><?cs var:L.Msg.FixErrors ?></p><?cs /if ?>
<form method="post" action="/admin/holidays" class="stack" aria-labelledby="add-h">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <input type="hidden" name="action" value="add">
  <div class="row">
    <div class="field">
      <label for="day"><?cs var:L.Admin.Holiday.Day ?></label>
      <input type="date" id="day" name="day" required value="<?cs var:Form.day ?>" aria-describedby="day-hint<?cs if:Form.Err.day ?> err-day<?cs /if ?>"<?cs if:Form.Err.day ?> aria-invalid="true"<?cs /if ?>>
      <p class="hint" id="day-hint"><?cs var:L.Admin.Holiday.DayHint ?></p>
      <?cs call:field_error("day") ?>
    </div>
    <div class="field">
      <label for="name"><?cs var:L.Admin.Holiday.Name ?></label>
      <input type="text" id="name" name="name" maxlength="100" required value="<?cs var:Form.name ?>"<?cs call:field_aria("name") ?>>
      <?cs call:field_error("name") ?>
    </div>
  </div>
  <button type="submit" class="primary"><?cs var:L.Admin.Button.Add ?></button>
</form>
