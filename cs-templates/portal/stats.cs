<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# stats.cs: public statistics per department (처리 현황) for a year and for
# all time; figures only, no personal data. ?><?cs

# A table of PubStats.<rows>, captioned cap. ?><?cs
def:stats_table(rows, cap) ?><?cs
  if:subcount(rows) > 0 ?>
  <table class="cases report">
    <caption class="visually-hidden"><?cs var:cap ?></caption>
    <thead><tr>
      <th scope="col"><?cs var:L.PublicStats.Parent ?></th>
      <th scope="col"><?cs var:L.PublicStats.Department ?></th>
      <th scope="col"><?cs var:L.PublicStats.Received ?></th>
      <th scope="col"><?cs var:L.PublicStats.Answered ?></th>
      <th scope="col"><?cs var:L.PublicStats.OnTime ?></th>
      <th scope="col"><?cs var:L.PublicStats.Share ?></th>
      <th scope="col"><?cs var:L.PublicStats.AvgDays ?></th>
    </tr></thead>
    <tbody>
<?cs each:r = rows ?>
    <tr>
      <td data-label="<?cs var:L.PublicStats.Parent ?>"><?cs var:r.parent ?></td>
      <td data-label="<?cs var:L.PublicStats.Department ?>"><?cs var:r.name ?></td>
      <td data-label="<?cs var:L.PublicStats.Received ?>"><?cs var:r.received ?></td>
      <td data-label="<?cs var:L.PublicStats.Answered ?>"><?cs var:r.answered ?></td>
      <td data-label="<?cs var:L.PublicStats.OnTime ?>"><?cs var:r.on_time ?></td>
      <td data-label="<?cs var:L.PublicStats.Share ?>"><?cs if:r.share != "" ?><?cs var:r.share ?><?cs else ?><?cs var:L.PublicStats.NoFigure ?><?cs /if ?></td>
      <td data-label="<?cs var:L.PublicStats.AvgDays ?>"><?cs if:r.avg != "" ?><?cs var:r.avg ?><?cs else ?><?cs var:L.PublicStats.NoFigure ?><?cs /if ?></td>
    </tr>
<?cs /each ?>
    </tbody>
  </table><?cs
  else ?>
  <p><?cs var:L.PublicStats.Empty ?></p><?cs
  /if ?><?cs
/def ?>
<h1><?cs var:L.Title.PublicStats ?></h1>
<p><?cs var:L.PublicStats.Lead ?></p>
<p><a href="/examples"><?cs var:L.PublicStats.Examples ?></a></p>
<?cs if:Form.HasErrors ?><p class="form-error" role="alert"><?cs var:L.Msg.FixErrors ?></p><?cs /if ?>
<form method="get" action="/stats" class="filters">
  <div class="field">
    <label for="year"><?cs var:L.PublicStats.Year ?></label>
    <select id="year" name="year"<?cs call:field_aria("year") ?>>
<?cs each:y = PubStats.Years ?>
      <option value="<?cs var:y ?>"<?cs if:y == Form.year ?> selected<?cs /if ?>><?cs var:y ?></option>
<?cs /each ?>
    </select>
    <?cs call:field_error("year") ?>
  </div>
  <button type="submit"><?cs var:L.PublicStats.Show ?></button>
</form>
<?cs if:PubStats.Year ?>
<section aria-labelledby="h-year">
  <h2 id="h-year"><?cs var:L.PublicStats.InYear ?> <?cs var:PubStats.Year ?></h2>
<?cs call:stats_table(PubStats.InYear, L.PublicStats.InYear + " " + PubStats.Year) ?>
</section>
<?cs /if ?>
<section aria-labelledby="h-all">
  <h2 id="h-all"><?cs var:L.PublicStats.AllTime ?></h2>
<?cs call:stats_table(PubStats.AllTime, L.PublicStats.AllTime) ?>
</section>
<p class="hint"><?cs var:L.PublicStats.Note ?></p>
<section aria-labelledby="h-debates">
  <h2 id="h-debates"><?cs var:L.DebateStats.Heading ?></h2>
  <table class="cases report">
    <caption class="visually-hidden"><?cs var:L.DebateStats.Heading ?></caption>
    <thead><tr><?cs each:c = L.DebateStats.Col ?>
      <th scope="col"><?cs var:c ?></th><?cs /each ?>
    </tr></thead>
    <tbody><tr><?cs each:c = L.DebateStats.Col ?>
      <td data-label="<?cs var:c ?>"><?cs var:DebateStats[name(c)] ?></td><?cs /each ?>
    </tr></tbody>
  </table>
  <p><a href="/debates"><?cs var:L.Home.DebatesMore ?></a></p>
</section>
<section aria-labelledby="h-proposals">
  <h2 id="h-proposals"><?cs var:L.ProposalStats.Heading ?></h2>
  <table class="cases report proposal-stats">
    <caption class="visually-hidden"><?cs var:L.ProposalStats.Heading ?></caption>
    <thead><tr><?cs each:c = L.ProposalStats.Col ?>
      <th scope="col"><?cs var:c ?></th><?cs /each ?>
    </tr></thead>
    <tbody><tr><?cs each:c = L.ProposalStats.Col ?>
      <td data-label="<?cs var:c ?>"><?cs var:ProposalStats[name(c)] ?></td><?cs /each ?>
    </tr></tbody>
  </table>
  <p><a href="/proposals"><?cs var:L.Home.ProposalsMore ?></a></p>
</section>
