<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# callbacks.cs: the call centre's queue (만족전화): cases rated 1 or 2,
# oldest first, with the citizen's name and phone (each view audited) and
# a form per row for the outcome of the call. ?>
<h1><?cs var:L.Title.Callbacks ?></h1>
<p><?cs var:L.Callback.Lead ?></p>
<?cs if:subcount(Callbacks) > 0 ?>
<p class="count"><?cs var:L.Callback.Total ?> <?cs var:Pager.Total ?></p>
<?cs each:c = Callbacks ?>
<section class="callback" aria-labelledby="cb-h-<?cs var:c.id ?>">
  <h2 id="cb-h-<?cs var:c.id ?>"><a href="/staff/cases/<?cs var:c.tracking ?>"><?cs var:c.tracking ?></a> <?cs var:c.title ?></h2>
  <dl class="facts">
    <dt><?cs var:L.Rate.Rating ?></dt><dd><?cs var:c.rating ?> / 5</dd>
    <dt><?cs var:L.Rate.RatedAt ?></dt><dd><?cs var:c.rated ?></dd>
    <dt><?cs var:L.Callback.Department ?></dt><dd><?cs var:c.department ?></dd>
    <dt><?cs var:L.Callback.Citizen ?></dt><dd><?cs var:c.name ?></dd>
    <dt><?cs var:L.Callback.Phone ?></dt><dd><?cs if:c.mobile ?><a href="tel:<?cs var:c.mobile ?>"><?cs var:c.mobile ?></a><?cs else ?><?cs var:L.Callback.NoPhone ?><?cs /if ?></dd>
    <dt><?cs var:L.Callback.Email ?></dt><dd><?cs var:c.email ?></dd>
    <dt><?cs var:L.Rate.Comment ?></dt><dd class="pre"><?cs if:c.comment ?><?cs var:c.comment ?><?cs else ?><?cs var:L.Rate.NoComment ?><?cs /if ?></dd>
  </dl>
  <form method="post" action="/staff/callbacks/<?cs var:c.id ?>" class="stack narrow">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <div class="field">
      <label for="note-<?cs var:c.id ?>"><?cs var:L.Callback.Note ?></label>
      <textarea id="note-<?cs var:c.id ?>" name="note" rows="3" maxlength="<?cs var:Limit.Reason ?>" required aria-describedby="note-hint-<?cs var:c.id ?><?cs if:Form.row == c.id && Form.Err.note ?> err-note<?cs /if ?>"<?cs if:Form.row == c.id && Form.Err.note ?> aria-invalid="true"<?cs /if ?>><?cs if:Form.row == c.id ?><?cs var:Form.note ?><?cs /if ?></textarea>
      <p class="hint" id="note-hint-<?cs var:c.id ?>"><?cs var:L.Callback.NoteHint ?></p>
      <?cs if:Form.row == c.id ?><?cs call:field_error("note") ?><?cs /if ?>
    </div>
    <button type="submit"><?cs var:L.Callback.Save ?></button>
  </form>
</section>
<?cs /each ?>
<?cs call:pager("/staff/callbacks?") ?>
<?cs else ?>
<p><?cs var:L.Callback.Empty ?></p>
<?cs /if ?>
