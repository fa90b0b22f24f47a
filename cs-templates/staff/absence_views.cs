<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# absence_views.cs: the two views of absences, the list with its form and
# the month calendar, as links between them; current is the one shown. ?><?cs
def:absence_views(current) ?>
<nav class="views" aria-label="<?cs var:L.Absence.Views ?>">
  <ul>
    <li><a href="/staff/absences"<?cs if:current == "list" ?> aria-current="page"<?cs /if ?>><?cs var:L.Absence.ViewList ?></a></li>
    <li><a href="/staff/absences/calendar"<?cs if:current == "calendar" ?> aria-current="page"<?cs /if ?>><?cs var:L.Absence.ViewCalendar ?></a></li>
  </ul>
</nav><?cs
/def ?>
