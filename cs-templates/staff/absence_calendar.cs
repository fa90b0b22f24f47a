<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# absence_calendar.cs: the month calendar of absences in the viewer's
# departments: one row per day with who is away (and who stands in),
# today and holidays marked; then each staff member's schedule for the
# month; links to the months before and after. Tables with captions and
# headers, so that they read in order on a phone and to a screen reader. ?>
<?cs include:"staff/absence_views.cs" ?><?cs
def:month_name(y, m) ?><?cs if:Lang == "en" ?><?cs var:L.AbsenceCal.MonthName[m] ?> <?cs var:y ?><?cs else ?><?cs var:y ?><?cs var:L.AbsenceCal.YearSuffix ?> <?cs var:L.AbsenceCal.MonthName[m] ?><?cs /if ?><?cs /def ?>
<h1><?cs var:L.Title.AbsenceCalendar ?></h1>
<?cs call:absence_views("calendar") ?>
<nav class="month-nav" aria-label="<?cs var:L.AbsenceCal.MonthNav ?>">
  <ul>
    <li><a href="/staff/absences/calendar?month=<?cs var:Month.Prev ?>" rel="prev"><span aria-hidden="true">←</span><?cs var:L.AbsenceCal.Prev ?>: <?cs call:month_name(Month.PrevYear, Month.PrevMonth) ?></a></li>
<?cs if:Month.This ?>
    <li><a href="/staff/absences/calendar?month=<?cs var:Month.This ?>"><?cs var:L.AbsenceCal.ThisMonth ?></a></li>
<?cs /if ?>
    <li><a href="/staff/absences/calendar?month=<?cs var:Month.Next ?>" rel="next"><?cs var:L.AbsenceCal.Next ?>: <?cs call:month_name(Month.NextYear, Month.NextMonth) ?><span aria-hidden="true">→</span></a></li>
  </ul>
</nav>
<table class="calendar" id="absence-calendar">
  <caption><?cs call:month_name(Month.Year, Month.Month) ?> · <?cs var:L.AbsenceCal.Caption ?></caption>
  <thead><tr>
    <th scope="col"><?cs var:L.AbsenceCal.Col.day ?></th>
    <th scope="col"><?cs var:L.AbsenceCal.Col.away ?></th>
  </tr></thead>
  <tbody>
<?cs each:d = Days ?>
    <tr class="wd-<?cs var:d.weekday ?><?cs if:d.today ?> today<?cs /if ?><?cs if:d.dayoff ?> dayoff<?cs /if ?>" id="day-<?cs var:d.date ?>">
      <th scope="row"<?cs if:d.today ?> aria-current="date"<?cs /if ?>><time datetime="<?cs var:d.date ?>"><?cs var:d.day ?><?cs var:L.AbsenceCal.DaySuffix ?> (<?cs var:L.AbsenceCal.Weekday[d.weekday] ?>)</time><?cs if:d.today ?> <span class="tag today"><?cs var:L.AbsenceCal.Today ?></span><?cs /if ?><?cs if:d.holiday ?> <span class="holiday-name"><?cs var:d.holiday ?></span><?cs /if ?></th>
      <td><?cs if:subcount(d.Away) > 0 ?><ul class="away">
<?cs each:a = d.Away ?>        <li><strong><?cs var:a.name ?></strong> · <?cs call:absence_reason(a) ?></li>
<?cs /each ?>      </ul><?cs elif:d.dayoff ?><span class="meta"><?cs var:L.AbsenceCal.DayOff ?></span><?cs else ?><span class="meta"><?cs var:L.AbsenceCal.NobodyAway ?></span><?cs /if ?></td>
    </tr>
<?cs /each ?>
  </tbody>
</table>
<h2 id="schedules-h"><?cs var:L.AbsenceCal.Schedules ?></h2>
<?cs if:subcount(Staff) > 0 ?>
<table class="cases schedules">
  <caption class="visually-hidden"><?cs call:month_name(Month.Year, Month.Month) ?> · <?cs var:L.AbsenceCal.Schedules ?></caption>
  <thead><tr>
    <th scope="col"><?cs var:L.Absence.Col.name ?></th>
    <th scope="col"><?cs var:L.AbsenceCal.Col.departments ?></th>
    <th scope="col"><?cs var:L.AbsenceCal.Col.schedule ?></th>
  </tr></thead>
  <tbody>
<?cs each:p = Staff ?>
    <tr>
      <th scope="row" data-label="<?cs var:L.Absence.Col.name ?>"><?cs var:p.name ?></th>
      <td data-label="<?cs var:L.AbsenceCal.Col.departments ?>"><?cs var:p.departments ?></td>
      <td data-label="<?cs var:L.AbsenceCal.Col.schedule ?>"><?cs if:subcount(p.Periods) > 0 ?><ul class="away">
<?cs each:a = p.Periods ?>        <li><?cs var:a.first ?> ~ <?cs var:a.last ?> · <?cs call:absence_reason(a) ?></li>
<?cs /each ?>      </ul><?cs else ?><?cs var:L.AbsenceCal.AtWork ?><?cs /if ?></td>
    </tr>
<?cs /each ?>
  </tbody>
</table>
<?cs else ?>
<p><?cs var:L.AbsenceCal.NoStaff ?></p>
<?cs /if ?>
