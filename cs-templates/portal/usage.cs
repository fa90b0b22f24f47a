<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# usage.cs: the public summary of the portal's use (/usage, when the
# setting usage.public_summary is 1): visits per day and the words
# searched most on the public list; nothing about a person. ?><?cs
include:"usage_macros.cs" ?>
<h1><?cs var:L.Title.PublicUsage ?></h1>
<p><?cs var:L.Usage.PublicLead ?></p>
<p class="report-period"><?cs var:L.Report.Period ?>: <strong><time datetime="<?cs var:Report.From ?>"><?cs var:Report.From ?></time> ~ <time datetime="<?cs var:Report.To ?>"><?cs var:Report.To ?></time></strong></p>
<section aria-labelledby="h-visits">
  <h2 id="h-visits"><?cs var:L.Usage.PerDay ?></h2>
  <figure class="chart"><?cs escape:"none" ?><?cs var:Usage.ChartVisits ?><?cs /escape ?></figure>
  <div class="table-scroll" tabindex="0" role="region" aria-labelledby="h-visits">
  <table class="cases report" id="usage-days">
    <thead><tr>
      <th scope="col"><?cs var:L.Usage.Col.day ?></th>
      <th scope="col"><?cs var:L.Usage.Col.views ?></th>
      <th scope="col"><?cs var:L.Usage.Col.visitors ?></th>
    </tr></thead>
    <tbody><?cs
  each:d = Usage.Days ?>
    <tr>
      <th scope="row" data-label="<?cs var:L.Usage.Col.day ?>"><?cs var:d.day ?></th>
      <td data-label="<?cs var:L.Usage.Col.views ?>"><?cs var:d.views ?></td>
      <td data-label="<?cs var:L.Usage.Col.visitors ?>"><?cs var:d.visitors ?></td>
    </tr><?cs
  /each ?>
    </tbody>
  </table>
  </div>
</section>
<section aria-labelledby="h-words" id="usage-words">
  <h2 id="h-words"><?cs var:L.Usage.WordsPublic ?></h2><?cs call:words_table(Usage.Words.Public) ?>
</section>
<section aria-labelledby="h-privacy">
  <h2 id="h-privacy"><?cs var:L.Usage.Privacy ?></h2>
  <p><?cs var:L.Usage.PrivacyText ?></p>
</section>
