<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# analysis.cs: the managers' report (/staff/reports): filters that combine
# and stay in the link, the figures grouped by one of them or by period,
# two charts drawn on the server from the same rows (the table is their
# text equivalent) and the same table as CSV and XLSX. ?><?cs
include:"fields.cs" ?><?cs

# A select of name labelled label: "all" first, then the options the
# caller writes between opt_start and the end. ?><?cs
def:select_start(name, label, all) ?>
  <div class="field">
    <label for="<?cs var:name ?>"><?cs var:label ?></label>
    <select id="<?cs var:name ?>" name="<?cs var:name ?>"<?cs call:field_aria(name) ?>>
      <option value=""><?cs var:all ?></option><?cs
/def ?><?cs
def:select_end(name) ?>
    </select>
    <?cs call:field_error(name) ?>
  </div><?cs
/def ?><?cs
def:option(name, value, label) ?>
      <option value="<?cs var:value ?>"<?cs if:value == Form[name] ?> selected<?cs /if ?>><?cs var:label ?></option><?cs
/def ?><?cs

# A date field (free text, checked by the server). ?><?cs
def:day_field(name, label) ?>
  <div class="field">
    <label for="<?cs var:name ?>"><?cs var:label ?></label>
    <input type="text" id="<?cs var:name ?>" name="<?cs var:name ?>" maxlength="10" autocomplete="off" placeholder="YYYY-MM-DD" value="<?cs var:Form[name] ?>"<?cs call:field_aria_hint(name, "period-hint") ?>>
    <?cs call:field_error(name) ?>
  </div><?cs
/def ?><?cs

# One row's cells; r holds the columns of L.Analysis.Col. ?><?cs
def:analysis_cells(r) ?><?cs
  each:k = L.Analysis.Figures ?>
      <td data-label="<?cs var:L.Analysis.Col[name(k)] ?>"><?cs if:r[name(k)] != "" ?><?cs var:r[name(k)] ?><?cs else ?><?cs var:L.Report.NoAverage ?><?cs /if ?></td><?cs
  /each ?><?cs
/def ?>
<h1><?cs var:L.Title.ReportAnalysis ?></h1>
<?cs if:Analysis.Shown ?>
<p class="report-period"><?cs var:L.Report.Period ?>: <strong><time datetime="<?cs var:Report.From ?>"><?cs var:Report.From ?></time> ~ <time datetime="<?cs var:Report.To ?>"><?cs var:Report.To ?></time></strong></p>
<?cs /if ?>
<?cs call:form_errors() ?>
<p class="hint no-print" id="period-hint"><?cs var:L.Analysis.PeriodHint ?></p>
<form method="get" action="/staff/reports" class="filters no-print">
<?cs call:select_start("period", L.Analysis.PeriodLabel, L.Analysis.Range) ?><?cs
  each:p = L.Analysis.Periods ?><?cs call:option("period", name(p), p) ?><?cs /each ?><?cs
  call:select_end("period") ?>
<?cs call:day_field("at", L.Analysis.At) ?><?cs call:day_field("from", L.Report.From) ?><?cs call:day_field("to", L.Report.To) ?>
<?cs call:select_start("department", L.Report.Department, L.Report.AllDepartments) ?><?cs
  each:c = Report.Choices ?><?cs if:c.depth > 0 ?><?cs set:dname = "└ " + c.name ?><?cs else ?><?cs set:dname = c.name ?><?cs /if ?><?cs call:option("department", c.id, dname) ?><?cs /each ?><?cs
  call:select_end("department") ?>
<?cs call:select_start("handler", L.Report.Handler, L.Analysis.All) ?><?cs
  each:h = Analysis.Handlers ?><?cs call:option("handler", h.id, h.name) ?><?cs /each ?><?cs
  call:select_end("handler") ?>
<?cs call:select_start("category", L.Analysis.Category, L.Analysis.All) ?><?cs
  each:g = Analysis.Categories ?><?cs call:option("category", g.id, g.name) ?><?cs /each ?><?cs
  call:select_end("category") ?>
<?cs call:select_start("channel", L.Report.Channel, L.Analysis.All) ?><?cs
  each:c = L.Inbox.Channel ?><?cs call:option("channel", name(c), c) ?><?cs /each ?><?cs
  call:select_end("channel") ?>
<?cs call:select_start("status", L.Analysis.Status, L.Analysis.All) ?><?cs
  each:s = L.Status ?><?cs call:option("status", name(s), s) ?><?cs /each ?><?cs
  call:select_end("status") ?>
<?cs call:select_start("kind", L.Analysis.KindLabel, L.Analysis.All) ?><?cs
  each:k = L.Analysis.Kind ?><?cs call:option("kind", name(k), k) ?><?cs /each ?><?cs
  call:select_end("kind") ?>
  <div class="field">
    <label for="group"><?cs var:L.Analysis.GroupLabel ?></label>
    <select id="group" name="group"<?cs call:field_aria("group") ?>><?cs
  each:g = L.Analysis.Groups ?><?cs call:option("group", name(g), g) ?><?cs /each ?>
    </select>
    <?cs call:field_error("group") ?>
  </div>
  <button type="submit"><?cs var:L.Report.Show ?></button>
</form>
<?cs if:Analysis.Shown ?>
<p class="no-print"><a href="/staff/reports?<?cs var:Analysis.Query ?>" rel="bookmark"><?cs var:L.Analysis.Permalink ?></a>
 · <a href="/staff/reports.csv?<?cs var:Analysis.Query ?>" download><?cs var:L.Analysis.Csv ?></a>
 · <a href="/staff/reports.xlsx?<?cs var:Analysis.Query ?>" download><?cs var:L.Analysis.Xlsx ?></a>
 · <a href="/staff/reports/rows.csv?<?cs var:Analysis.Query ?>" download><?cs var:L.Analysis.RowsCsv ?></a>
 · <a href="/staff/reports/rows.xlsx?<?cs var:Analysis.Query ?>" download><?cs var:L.Analysis.RowsXlsx ?></a>
 · <a href="/staff/reports/workload?from=<?cs var:url_escape(Report.From) ?>&amp;to=<?cs var:url_escape(Report.To) ?>"><?cs var:L.Title.ReportWorkload ?></a></p>
<section aria-labelledby="h-figures">
  <h2 id="h-figures"><?cs var:L.Analysis.By ?> <?cs var:L.Analysis.Groups[Analysis.Group] ?></h2>
<?cs if:subcount(Analysis.Rows) > 0 ?>
  <div class="charts">
  <figure class="chart"><?cs escape:"none" ?><?cs var:Analysis.ChartFlow ?><?cs /escape ?></figure>
  <figure class="chart"><?cs escape:"none" ?><?cs var:Analysis.ChartTimely ?><?cs /escape ?></figure>
  </div>
  <div class="table-scroll" tabindex="0" role="region" aria-labelledby="h-figures">
  <table class="cases report analysis" id="analysis-table">
    <caption><?cs var:L.Analysis.By ?> <?cs var:L.Analysis.Groups[Analysis.Group] ?> (<?cs var:Report.From ?> ~ <?cs var:Report.To ?>)</caption>
    <thead><tr>
      <th scope="col"><?cs var:L.Analysis.Groups[Analysis.Group] ?></th><?cs
  each:k = L.Analysis.Figures ?>
      <th scope="col"><?cs var:L.Analysis.Col[name(k)] ?></th><?cs
  /each ?>
    </tr></thead>
    <tbody>
<?cs each:r = Analysis.Rows ?>
    <tr>
      <th scope="row" data-label="<?cs var:L.Analysis.Groups[Analysis.Group] ?>"><?cs if:r.department ?><a href="/staff/reports?<?cs if:Analysis.Drill ?><?cs var:Analysis.Drill ?>&amp;<?cs /if ?>department=<?cs var:r.department ?>&amp;group=department"><?cs var:r.group ?></a><?cs else ?><?cs var:r.group ?><?cs /if ?></th><?cs call:analysis_cells(r) ?>
    </tr>
<?cs /each ?>
    <tr class="total">
      <th scope="row" data-label="<?cs var:L.Analysis.Groups[Analysis.Group] ?>"><strong><?cs var:L.Report.Total ?></strong></th><?cs call:analysis_cells(Analysis.Total) ?>
    </tr>
    </tbody>
  </table>
  </div>
<?cs else ?>
  <p><?cs var:L.Analysis.NoRows ?></p>
<?cs /if ?>
</section>
<section aria-labelledby="h-notes" class="report-notes">
  <h2 id="h-notes"><?cs var:L.Report.Notes ?></h2>
  <dl class="facts"><?cs
  each:k = L.Analysis.Figures ?>
    <dt><?cs var:L.Analysis.Col[name(k)] ?></dt><dd><?cs var:k ?></dd><?cs
  /each ?>
  </dl>
  <p class="hint no-print"><?cs var:L.Report.PrintHint ?></p>
</section>
<?cs /if ?>
