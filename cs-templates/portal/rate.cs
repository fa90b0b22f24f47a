<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# rate.cs: the satisfaction rating reached by the signed single-use link
# (no sign-in): the form, the thanks, "already rated", "expired" or "not
# valid". ?>
<h1><?cs var:L.Title.Rate ?></h1>
<?cs if:Rate.State == "invalid" ?>
<p class="flash error" role="alert"><?cs var:L.Rate.Invalid ?></p>
<?cs else ?>
<dl class="facts">
  <dt><?cs var:L.Rate.Case ?></dt><dd><?cs var:Rate.Tracking ?> <?cs var:Rate.Title ?></dd>
</dl>
<?cs if:Rate.State == "expired" ?>
<p class="flash error" role="alert"><?cs var:L.Rate.Expired ?></p>
<?cs elif:Rate.State == "done" ?>
<p class="flash" role="status"><?cs var:L.Rate.Done ?></p>
<?cs elif:Rate.State == "rated" ?>
<p class="flash" role="status"><?cs var:L.Rate.Rated ?></p>
<?cs else ?>
<p><?cs var:L.Rate.Lead ?></p>
<form method="post" action="/rate/<?cs var:Rate.Token ?>" class="stack narrow">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <fieldset<?cs if:Form.Err.rating ?> aria-describedby="err-rating"<?cs /if ?>>
    <legend><?cs var:L.Rate.Legend ?></legend>
<?cs loop:i = 5, 1, -1 ?>
    <div class="field check">
      <input type="radio" id="rating-<?cs var:i ?>" name="rating" value="<?cs var:i ?>"<?cs if:Form.rating == i ?> checked<?cs /if ?><?cs if:i == 5 ?> required<?cs /if ?>>
      <label for="rating-<?cs var:i ?>"><?cs var:L.Rate.R[i] ?></label>
    </div>
<?cs /loop ?>
    <?cs call:field_error("rating") ?>
  </fieldset>
  <div class="field">
    <label for="comment"><?cs var:L.Rate.Comment ?> (<?cs var:L.Rate.CommentOptional ?>, <?cs var:L.Rate.CommentMax ?>: <?cs var:Limit.Reason ?>)</label>
    <textarea id="comment" name="comment" rows="5" maxlength="<?cs var:Limit.Reason ?>"<?cs call:field_aria("comment") ?>><?cs var:Form.comment ?></textarea>
    <?cs call:field_error("comment") ?>
  </div>
  <p class="hint"><?cs var:L.Rate.Callback ?></p>
  <button type="submit" class="primary"><?cs var:L.Rate.Submit ?></button>
</form>
<?cs /if ?>
<?cs /if ?>
