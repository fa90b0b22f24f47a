<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# share.cs: on the staff case page, "share to intranet": posts the case's
# summary (tracking number, title, category, department, status, a link
# to this page; never who filed it) on the board of one of the reader's
# staff communities (Share.Targets). ?><?cs
if:subcount(Share.Targets) > 0 ?>
  <details class="share">
    <summary><?cs var:L.Intranet.Share ?></summary>
    <form method="post" action="/staff/cases/<?cs var:Case.tracking ?>/share" class="stack" aria-labelledby="share-h">
      <h2 id="share-h" class="visually-hidden"><?cs var:L.Intranet.Share ?></h2>
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
      <p class="hint"><?cs var:L.Intranet.ShareHint ?></p>
      <div class="field">
        <label for="share-community"><?cs var:L.Intranet.Community ?></label>
        <select id="share-community" name="community" required><?cs
  each:t = Share.Targets ?>
          <option value="<?cs var:t.slug ?>"><?cs var:t.name ?><?cs if:t.department ?> (<?cs var:t.department ?>)<?cs /if ?></option><?cs
  /each ?>
        </select>
      </div>
      <button type="submit"><?cs var:L.Intranet.ShareButton ?></button>
    </form>
  </details><?cs
/if ?>
