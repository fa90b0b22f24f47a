<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# withdraw.cs: the confirmation step before the owner withdraws a case
# (민원 취하): what it means, an optional reason, the one button that
# withdraws (its form says confirm=1) and a way back that keeps the case. ?>
<h1 id="withdraw-h"><?cs var:L.Withdraw.Heading ?></h1>
<p class="tracking"><?cs var:L.Col.Tracking ?> <strong><?cs var:Case.tracking ?></strong> · <?cs var:Case.title ?></p>
<p class="flash warning"><?cs var:L.Withdraw.Warning ?></p>
<form method="post" action="/cases/<?cs var:Case.tracking ?>/act" class="stack" aria-labelledby="withdraw-h">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <input type="hidden" name="version" value="<?cs var:CaseAct.version ?>">
  <input type="hidden" name="action" value="withdraw">
  <input type="hidden" name="confirm" value="1"><?cs if:Case.Link ?>
  <input type="hidden" name="k" value="<?cs var:Case.Link ?>"><?cs /if ?>
  <div class="field">
    <label for="withdraw-text"><?cs var:L.CaseAct.Field.withdraw ?></label>
    <textarea id="withdraw-text" name="text" rows="3" maxlength="<?cs var:Limit.Reason ?>"><?cs if:Form.action == "withdraw" ?><?cs var:Form.text ?><?cs /if ?></textarea>
  </div>
  <div class="actions">
    <button type="submit" class="danger"><?cs var:L.CaseAct.Button.withdraw ?></button>
    <a class="button" href="/cases/<?cs var:Case.tracking ?><?cs if:Case.Link ?>?k=<?cs var:url_escape(Case.Link) ?><?cs /if ?>"><?cs var:L.Withdraw.Keep ?></a>
  </div>
</form>
