<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# ranking.cs: the public ranking of volunteers by mileage: only those who
# opted in (their account page), names masked as on public cases. ?>
<h1><?cs var:L.Title.MileageRanking ?></h1>
<p class="lead"><?cs var:L.Mileage.RankingLead ?></p>
<?cs if:subcount(Ranking) > 0 ?>
<table class="cases ranking">
  <caption class="visually-hidden"><?cs var:L.Title.MileageRanking ?></caption>
  <thead><tr>
    <th scope="col"><?cs var:L.Mileage.Col.rank ?></th>
    <th scope="col"><?cs var:L.Mileage.Col.name ?></th>
    <th scope="col"><?cs var:L.Mileage.Col.points ?></th>
  </tr></thead>
  <tbody>
<?cs each:r = Ranking ?>
    <tr>
      <td data-label="<?cs var:L.Mileage.Col.rank ?>"><?cs var:r.rank ?></td>
      <td data-label="<?cs var:L.Mileage.Col.name ?>"><?cs var:r.name ?></td>
      <td data-label="<?cs var:L.Mileage.Col.points ?>" class="num"><?cs var:r.points ?></td>
    </tr>
<?cs /each ?>
  </tbody>
</table>
<?cs else ?>
<p><?cs var:L.Mileage.NoRanking ?></p>
<?cs /if ?>
