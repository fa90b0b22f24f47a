<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# usage_macros.cs: the table of searched words (word, searches) of the
# usage pages (reports/usage.cs, portal/usage.cs). ?><?cs
def:words_table(rows) ?><?cs
  if:subcount(rows) > 0 ?>
  <table class="cases report">
    <thead><tr><th scope="col"><?cs var:L.Usage.Word ?></th><th scope="col"><?cs var:L.Usage.Searches ?></th></tr></thead>
    <tbody><?cs
    each:r = rows ?>
    <tr><td data-label="<?cs var:L.Usage.Word ?>"><?cs var:r.word ?></td><td data-label="<?cs var:L.Usage.Searches ?>"><?cs var:r.searches ?></td></tr><?cs
    /each ?>
    </tbody>
  </table><?cs
  else ?>
  <p><?cs var:L.Usage.NoWords ?></p><?cs
  /if ?><?cs
/def ?>