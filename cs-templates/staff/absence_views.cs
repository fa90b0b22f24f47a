<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# absence_views.cs: what the absence pages share: the two views of
# absences (the list with its form and the month calendar) as links
# between them, current being the one shown; an absence's reason and
# substitute. ?><?cs
def:absence_views(current) ?>
<nav class="views" aria-label="<?cs var:L.Absence.Views ?>">
  <ul>
    <li><a href="/staff/absences"<?cs if:current == "list" ?> aria-current="page"<?cs /if ?>><?cs var:L.Absence.ViewList ?></a></li>
    <li><a href="/staff/absences/calendar"<?cs if:current == "calendar" ?> aria-current="page"<?cs /if ?>><?cs var:L.Absence.ViewCalendar ?></a></li>
  </ul>
</nav><?cs
/def ?>
<?cs

# An absence's reason and, when there is one, its substitute. ?><?cs
def:absence_reason(a) ?><?cs var:L.Absence.Kind[a.kind] ?><?cs if:a.substitute ?> · <?cs var:L.Absence.Col.substitute ?> <?cs var:a.substitute ?><?cs /if ?><?cs
/def ?>
