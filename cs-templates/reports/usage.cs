<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# usage.cs: usage statistics for global supervisors (/staff/usage): page
# views and visitors per day, sign-ups, filings per channel, views per
# section, the words searched on the public list and in the inbox (and
# those of searches that found nothing). Each chart has its table. ?><?cs
include:"fields.cs" ?><?cs

include:"usage_macros.cs" ?><?cs

# A list of words under its heading. ?><?cs
def:words_section(rows, id, cap) ?>
  <section aria-labelledby="<?cs var:id ?>">
  <h3 id="<?cs var:id ?>"><?cs var:cap ?></h3><?cs call:words_table(rows) ?>
  </section><?cs
/def ?>
<h1><?cs var:L.Title.StaffUsage ?></h1>
<p><?cs var:L.Usage.Lead ?></p>
<?cs if:Usage.Shown ?>
<p class="report-period"><?cs var:L.Report.Period ?>: <strong><time datetime="<?cs var:Report.From ?>"><?cs var:Report.From ?></time> ~ <time datetime="<?cs var:Report.To ?>"><?cs var:Report.To ?></time></strong></p>
<?cs /if ?>
<?cs call:form_errors() ?>
<form method="get" action="/staff/usage" class="filters no-print">
<?cs each:k = L.Usage.Range ?>
  <div class="field">
    <label for="<?cs name:k ?>"><?cs var:k ?></label>
    <input type="text" id="<?cs name:k ?>" name="<?cs name:k ?>" maxlength="10" autocomplete="off" placeholder="YYYY-MM-DD" value="<?cs var:Form[name(k)] ?>"<?cs call:field_aria_hint(name(k), "period-hint") ?>>
    <?cs call:field_error(name(k)) ?>
  </div><?cs
/each ?>
  <p class="hint" id="period-hint"><?cs var:L.Usage.PeriodHint ?></p>
  <button type="submit"><?cs var:L.Report.Show ?></button>
</form>
<?cs if:Usage.Shown ?>
<p class="no-print"><a href="/staff/usage.csv?from=<?cs var:url_escape(Report.From) ?>&amp;to=<?cs var:url_escape(Report.To) ?>" download><?cs var:L.Usage.Csv ?></a></p>
<section aria-labelledby="h-days">
  <h2 id="h-days"><?cs var:L.Usage.PerDay ?></h2>
  <div class="charts">
  <figure class="chart"><?cs escape:"none" ?><?cs var:Usage.ChartVisits ?><?cs /escape ?></figure>
  <figure class="chart"><?cs escape:"none" ?><?cs var:Usage.ChartFilings ?><?cs /escape ?></figure>
  <figure class="chart"><?cs escape:"none" ?><?cs var:Usage.ChartSignups ?><?cs /escape ?></figure>
  </div>
  <div class="table-scroll" tabindex="0" role="region" aria-labelledby="h-days">
  <table class="cases report" id="usage-days">
    <caption><?cs var:L.Usage.PerDay ?> (<?cs var:Report.From ?> ~ <?cs var:Report.To ?>)</caption>
    <thead><tr><?cs
  each:k = L.Usage.Col ?>
      <th scope="col"><?cs var:k ?></th><?cs
  /each ?><?cs
  each:c = L.Inbox.Channel ?>
      <th scope="col"><?cs var:c ?></th><?cs
  /each ?>
    </tr></thead>
    <tbody><?cs
  each:d = Usage.Days ?>
    <tr>
      <th scope="row" data-label="<?cs var:L.Usage.Col.day ?>"><?cs var:d.day ?></th><?cs
    each:k = L.Usage.Col ?><?cs if:name(k) != "day" ?>
      <td data-label="<?cs var:k ?>"><?cs var:d[name(k)] ?></td><?cs /if ?><?cs
    /each ?><?cs
    each:c = L.Inbox.Channel ?>
      <td data-label="<?cs var:c ?>"><?cs var:d[name(c)] ?></td><?cs
    /each ?>
    </tr><?cs
  /each ?>
    </tbody>
  </table>
  </div>
</section>
<section aria-labelledby="h-sections">
  <h2 id="h-sections"><?cs var:L.Usage.BySection ?></h2><?cs
  if:subcount(Usage.Sections) > 0 ?>
  <figure class="chart"><?cs escape:"none" ?><?cs var:Usage.ChartSections ?><?cs /escape ?></figure>
  <table class="cases report" id="usage-sections">
    <thead><tr><th scope="col"><?cs var:L.Usage.SectionLabel ?></th><th scope="col"><?cs var:L.Usage.Col.views ?></th></tr></thead>
    <tbody><?cs
    each:s = Usage.Sections ?>
    <tr><th scope="row" data-label="<?cs var:L.Usage.SectionLabel ?>"><?cs alt:L.Usage.Section[s.section] ?><?cs var:s.section ?><?cs /alt ?></th><td data-label="<?cs var:L.Usage.Col.views ?>"><?cs var:s.views ?></td></tr><?cs
    /each ?>
    </tbody>
  </table><?cs
  else ?>
  <p><?cs var:L.Usage.NoViews ?></p><?cs
  /if ?>
</section>
<section aria-labelledby="h-words" id="usage-words">
  <h2 id="h-words"><?cs var:L.Usage.Words ?></h2>
  <p class="hint"><?cs var:L.Usage.WordsHint ?></p>
  <div class="charts"><?cs
  call:words_section(Usage.Words.Public, "h-words-public", L.Usage.WordsPublic) ?><?cs
  call:words_section(Usage.Words.PublicZero, "h-words-public-zero", L.Usage.WordsPublicZero) ?><?cs
  call:words_section(Usage.Words.Inbox, "h-words-inbox", L.Usage.WordsInbox) ?><?cs
  call:words_section(Usage.Words.InboxZero, "h-words-inbox-zero", L.Usage.WordsInboxZero) ?>
  </div>
</section>
<section aria-labelledby="h-privacy" class="report-notes">
  <h2 id="h-privacy"><?cs var:L.Usage.Privacy ?></h2>
  <p><?cs var:L.Usage.PrivacyText ?></p>
</section>
<?cs /if ?>
