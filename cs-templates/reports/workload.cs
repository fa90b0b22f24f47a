<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# workload.cs: the workload report (업무량) per department and handler for
# a period, with the citizens' ratings given in it; printable (print.css
# hides the navigation and the form). ?><?cs
include:"fields.cs" ?><?cs

# One row's figures as cells; r holds received, open, answered, overdue, avg. ?><?cs
def:report_cells(r) ?>
      <td data-label="<?cs var:L.Report.Received ?>"><?cs var:r.received ?></td>
      <td data-label="<?cs var:L.Report.Open ?>"><?cs var:r.open ?></td>
      <td data-label="<?cs var:L.Report.Answered ?>"><?cs var:r.answered ?></td>
      <td data-label="<?cs var:L.Report.Overdue ?>"><?cs var:r.overdue ?></td>
      <td data-label="<?cs var:L.Report.AvgDays ?>"><?cs if:r.avg ?><?cs var:r.avg ?><?cs else ?><?cs var:L.Report.NoAverage ?><?cs /if ?></td>
      <td data-label="<?cs var:L.Rate.Count ?>"><?cs var:r.ratings ?></td>
      <td data-label="<?cs var:L.Rate.Average ?>"><?cs if:r.rating ?><?cs var:r.rating ?><?cs else ?><?cs var:L.Report.NoAverage ?><?cs /if ?></td><?cs
/def ?><?cs

# The head of a report table (up to its body): the caption (title and
# period) and the headers, the two first ones (first, second) naming the
# row. ?><?cs
def:report_head(title, first, second) ?>
  <table class="cases report">
    <caption class="visually-hidden"><?cs var:title ?> (<?cs var:Report.From ?> ~ <?cs var:Report.To ?>)</caption>
    <thead><tr>
      <th scope="col"><?cs var:first ?></th>
      <th scope="col"><?cs var:second ?></th>
      <th scope="col"><?cs var:L.Report.Received ?></th>
      <th scope="col"><?cs var:L.Report.Open ?></th>
      <th scope="col"><?cs var:L.Report.Answered ?></th>
      <th scope="col"><?cs var:L.Report.Overdue ?></th>
      <th scope="col"><?cs var:L.Report.AvgDays ?></th>
      <th scope="col"><?cs var:L.Rate.Count ?></th>
      <th scope="col"><?cs var:L.Rate.Average ?></th>
    </tr></thead><?cs
/def ?><?cs

# A date of the period (from, to): free text, checked by the server. ?><?cs
def:period_field(name, label) ?>
  <div class="field">
    <label for="<?cs var:name ?>"><?cs var:label ?></label>
    <input type="text" id="<?cs var:name ?>" name="<?cs var:name ?>" maxlength="10" autocomplete="off" placeholder="YYYY-MM-DD" value="<?cs var:Form[name] ?>"<?cs call:field_aria_hint(name, "period-hint") ?>>
    <?cs call:field_error(name) ?>
  </div><?cs
/def ?>
<h1><?cs var:L.Title.ReportWorkload ?></h1>
<?cs if:Report.Shown ?>
<p class="report-period"><?cs var:L.Report.Period ?>: <strong><time datetime="<?cs var:Report.From ?>"><?cs var:Report.From ?></time> ~ <time datetime="<?cs var:Report.To ?>"><?cs var:Report.To ?></time></strong><?cs
  if:Report.DepartmentName ?> · <?cs var:L.Report.Department ?>: <strong><?cs var:Report.DepartmentName ?></strong><?cs /if ?></p>
<?cs /if ?>
<?cs call:form_errors() ?>
<p class="hint no-print" id="period-hint"><?cs var:L.Report.DateHint ?></p>
<form method="get" action="/staff/reports/workload" class="filters">
<?cs call:period_field("from", L.Report.From) ?><?cs call:period_field("to", L.Report.To) ?>
  <div class="field">
    <label for="department"><?cs var:L.Report.Department ?></label>
    <select id="department" name="department"<?cs call:field_aria("department") ?>>
      <option value=""><?cs var:L.Report.AllDepartments ?></option>
<?cs each:c = Report.Choices ?>
      <option value="<?cs var:c.id ?>"<?cs if:c.id == Form.department ?> selected<?cs /if ?>><?cs if:c.depth > 0 ?>└ <?cs /if ?><?cs var:c.name ?></option>
<?cs /each ?>
    </select>
    <?cs call:field_error("department") ?>
  </div>
  <button type="submit"><?cs var:L.Report.Show ?></button>
</form>
<?cs if:Report.Shown ?>
<section aria-labelledby="h-departments">
  <h2 id="h-departments"><?cs var:L.Report.Departments ?></h2>
<?cs if:subcount(Report.Rows) > 0 ?>
<?cs call:report_head(L.Report.Departments, L.Report.Parent, L.Report.Department) ?>
    <tbody>
<?cs each:r = Report.Rows ?>
    <tr>
      <td data-label="<?cs var:L.Report.Parent ?>"><?cs var:r.parent ?></td>
      <td data-label="<?cs var:L.Report.Department ?>"><?cs if:r.unplaced ?><?cs var:L.Report.Unplaced ?><?cs else ?><a href="/staff/reports/workload?from=<?cs var:url_escape(Report.From) ?>&amp;to=<?cs var:url_escape(Report.To) ?>&amp;department=<?cs var:r.id ?>"><?cs var:r.name ?></a><?cs /if ?></td><?cs call:report_cells(r) ?>
    </tr>
<?cs /each ?>
    <tr class="total">
      <td data-label="<?cs var:L.Report.Parent ?>"></td>
      <td data-label="<?cs var:L.Report.Department ?>"><strong><?cs var:L.Report.Total ?></strong></td><?cs call:report_cells(Report.Total) ?>
    </tr>
    </tbody>
  </table>
<?cs else ?>
  <p><?cs var:L.Report.NoDepartments ?></p>
<?cs /if ?>
</section>
<section aria-labelledby="h-channels">
  <h2 id="h-channels"><?cs var:L.Report.Channels ?></h2>
<?cs if:Report.ChannelTotal > 0 ?>
  <table class="cases report channels">
    <caption class="visually-hidden"><?cs var:L.Report.Channels ?> (<?cs var:Report.From ?> ~ <?cs var:Report.To ?>)</caption>
    <thead><tr>
      <th scope="col"><?cs var:L.Report.Channel ?></th>
      <th scope="col"><?cs var:L.Report.Received ?></th>
    </tr></thead>
    <tbody>
<?cs each:c = Report.Channels ?>
    <tr>
      <td data-label="<?cs var:L.Report.Channel ?>"><?cs var:L.Inbox.Channel[c.channel] ?></td>
      <td data-label="<?cs var:L.Report.Received ?>"><?cs var:c.received ?></td>
    </tr>
<?cs /each ?>
    <tr class="total">
      <td data-label="<?cs var:L.Report.Channel ?>"><strong><?cs var:L.Report.Total ?></strong></td>
      <td data-label="<?cs var:L.Report.Received ?>"><?cs var:Report.ChannelTotal ?></td>
    </tr>
    </tbody>
  </table>
<?cs else ?>
  <p><?cs var:L.Report.NoChannels ?></p>
<?cs /if ?>
</section>
<?cs if:Report.Proposals.received > 0 || Report.Proposals.open > 0 || Report.Proposals.answered > 0 ?>
<section aria-labelledby="h-proposals">
  <h2 id="h-proposals"><?cs var:L.Report.Proposals ?></h2>
  <p class="hint"><?cs var:L.Report.ProposalsHint ?></p>
  <table class="cases report">
    <caption class="visually-hidden"><?cs var:L.Report.Proposals ?> (<?cs var:Report.From ?> ~ <?cs var:Report.To ?>)</caption>
    <thead><tr>
      <th scope="col"><?cs var:L.Report.Received ?></th>
      <th scope="col"><?cs var:L.Report.Open ?></th>
      <th scope="col"><?cs var:L.Report.Answered ?></th>
      <th scope="col"><?cs var:L.Report.Overdue ?></th>
    </tr></thead>
    <tbody><tr>
      <td data-label="<?cs var:L.Report.Received ?>"><?cs var:Report.Proposals.received ?></td>
      <td data-label="<?cs var:L.Report.Open ?>"><?cs var:Report.Proposals.open ?></td>
      <td data-label="<?cs var:L.Report.Answered ?>"><?cs var:Report.Proposals.answered ?></td>
      <td data-label="<?cs var:L.Report.Overdue ?>"><?cs var:Report.Proposals.overdue ?></td>
    </tr></tbody>
  </table>
</section>
<?cs /if ?>
<section aria-labelledby="h-handlers">
  <h2 id="h-handlers"><?cs var:L.Report.Handlers ?></h2>
<?cs if:!Report.ShowHandlers ?>
  <p><?cs var:L.Report.ChooseDepartment ?></p>
<?cs elif:subcount(Report.Handlers) > 0 ?>
<?cs call:report_head(L.Report.Handlers, L.Report.Department, L.Report.Handler) ?>
    <tbody>
<?cs each:h = Report.Handlers ?>
    <tr>
      <td data-label="<?cs var:L.Report.Department ?>"><?cs var:h.department ?></td>
      <td data-label="<?cs var:L.Report.Handler ?>"><?cs var:h.name ?></td><?cs call:report_cells(h) ?>
    </tr>
<?cs /each ?>
    </tbody>
  </table>
<?cs else ?>
  <p><?cs var:L.Report.NoHandlers ?></p>
<?cs /if ?>
</section>
<section aria-labelledby="h-notes" class="report-notes">
  <h2 id="h-notes"><?cs var:L.Report.Notes ?></h2>
  <dl class="facts">
    <dt><?cs var:L.Report.Received ?></dt><dd><?cs var:L.Report.NoteReceived ?></dd>
    <dt><?cs var:L.Report.Open ?></dt><dd><?cs var:L.Report.NoteOpen ?></dd>
    <dt><?cs var:L.Report.Answered ?></dt><dd><?cs var:L.Report.NoteAnswered ?></dd>
    <dt><?cs var:L.Report.Overdue ?></dt><dd><?cs var:L.Report.NoteOverdue ?></dd>
    <dt><?cs var:L.Report.AvgDays ?></dt><dd><?cs var:L.Report.NoteAverage ?></dd>
    <dt><?cs var:L.Report.Channel ?></dt><dd><?cs var:L.Report.NoteChannel ?></dd>
    <dt><?cs var:L.Rate.Count ?></dt><dd><?cs var:L.Rate.NoteCount ?></dd>
    <dt><?cs var:L.Rate.Average ?></dt><dd><?cs var:L.Rate.NoteAverage ?></dd>
  </dl>
  <p class="hint no-print"><?cs var:L.Report.PrintHint ?></p>
</section>
<?cs /if ?>
