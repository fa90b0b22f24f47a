<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# case.cs: a case as the citizen (or the public) sees it: its facts, the
# public timeline with the department and the handler (or the role) at
# each stage and the answer; the deadline while the office works on it;
# for its owner the actions open to them: accept and close, reopen with a
# reason, and, as a secondary link to a confirmation step
# (portal/withdraw.cs), withdraw before the answer. ?><?cs
include:"case_macros.cs" ?><?cs

# The problem of the owner's action a, if it was the one refused. ?><?cs
def:case_act_problem(a) ?><?cs
  if:CaseAct.Action == a && CaseAct.Problem && CaseAct.Problem != "changed" ?>
      <p class="field-error" role="alert" id="err-case-<?cs var:a ?>"><?cs var:L.Act.Problem[CaseAct.Problem] ?></p><?cs
  /if ?><?cs
/def ?><?cs

def:case_act_open(a) ?>
    <form method="post" action="/cases/<?cs var:Case.tracking ?>/act" class="stack act" aria-labelledby="case-<?cs var:a ?>-h">
      <h3 id="case-<?cs var:a ?>-h"><?cs var:L.CaseAct.Name[a] ?></h3>
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
      <input type="hidden" name="version" value="<?cs var:CaseAct.version ?>">
      <input type="hidden" name="action" value="<?cs var:a ?>"><?cs
      # A guest acts through its tracking link: the token goes with the form. ?><?cs if:Case.Link ?><input type="hidden" name="k" value="<?cs var:Case.Link ?>"><?cs /if ?><?cs
/def ?><?cs

def:case_act_text(a) ?>
      <div class="field">
        <label for="case-<?cs var:a ?>-text"><?cs var:L.CaseAct.Field[a] ?></label>
        <textarea id="case-<?cs var:a ?>-text" name="text" rows="3" maxlength="<?cs var:Limit.Reason ?>"<?cs if:CaseAct.Action == a && CaseAct.Problem && CaseAct.Problem != "changed" ?> aria-invalid="true" aria-describedby="err-case-<?cs var:a ?>"<?cs /if ?>><?cs if:Form.action == a ?><?cs var:Form.text ?><?cs /if ?></textarea>
      </div><?cs
/def ?><?cs

def:case_act_close(a) ?><?cs call:case_act_problem(a) ?>
      <button type="submit" class="primary"><?cs var:L.CaseAct.Button[a] ?></button>
    </form><?cs
/def ?>
<?cs if:CaseAct.Done ?><p class="flash" role="status"><?cs var:L.CaseAct.Done[CaseAct.Done] ?></p><?cs /if ?>
<?cs if:CaseAct.Problem == "changed" ?><p class="flash error" role="alert"><?cs var:L.Act.Problem.changed ?></p><?cs /if ?>
<?cs if:Case.Link ?><p class="hint" role="note"><?cs var:L.CaseLink.Note ?></p><?cs /if ?>
<article class="case"><?cs call:case_facts_start() ?>
<?cs if:Case.department ?>
    <dt><?cs var:L.Col.Department ?></dt><dd><?cs var:Case.department ?></dd>
<?cs /if ?>
    <dt><?cs var:L.Col.Filed ?></dt><dd><?cs var:Case.created ?></dd>
<?cs if:Case.due ?>
    <dt><?cs var:L.Case.Due ?></dt><dd><?cs var:Case.due ?><?cs if:Case.overdue == "1" ?> <span class="tag overdue"><?cs var:L.Case.Overdue ?></span><?cs /if ?><?cs if:Case.extended == "1" ?> <span class="tag"><?cs var:L.Case.Extended ?></span><?cs /if ?></dd>
<?cs /if ?>
<?cs call:case_facts_end() ?>
  </dl>
<?cs call:case_body() ?>
<?cs include:"portal/follow.cs" ?>
  <section>
    <h2><?cs var:L.Case.History ?></h2>
    <ol class="timeline">
<?cs each:e = Stages ?>
      <li>
        <p><strong><?cs var:L.Event[e.kind] ?></strong> <time><?cs var:e.at ?></time><?cs if:e.department ?> · <?cs var:e.department ?><?cs /if ?><?cs if:e.target ?> → <?cs var:e.target ?><?cs /if ?><?cs if:e.category ?> → <?cs var:L.Col.Category ?>: <?cs var:e.category ?><?cs /if ?><?cs if:e.handler ?> · <?cs if:Timeline.Role ?><?cs var:L.Timeline.Role ?><?cs else ?><?cs var:L.Timeline.Handler ?> <?cs var:e.handler ?><?cs /if ?><?cs /if ?></p>
<?cs call:stage_text(e) ?>
      </li>
<?cs /each ?>
    </ol>
  </section>
<?cs if:CaseAct.Problem && CaseAct.Problem != "changed" && (!CaseAct[CaseAct.Action] || CaseAct.Action == "withdraw") ?>
  <p class="flash error" role="alert"><?cs var:L.Act.Problem[CaseAct.Problem] ?></p>
<?cs /if ?>
<?cs if:CaseAct.message ?>
  <section aria-labelledby="case-message-h">
    <h2 id="case-message-h"><?cs var:L.CaseMessage.Title ?></h2>
    <form method="post" action="/cases/<?cs var:Case.tracking ?>/message" class="stack act">
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
      <?cs call:idem_field() ?><?cs if:Case.Link ?>
      <input type="hidden" name="k" value="<?cs var:Case.Link ?>"><?cs /if ?>
      <div class="field">
        <label for="case-message-text"><?cs var:L.CaseMessage.Field ?></label>
        <textarea id="case-message-text" name="text" rows="4" maxlength="<?cs var:Limit.Reason ?>"<?cs if:CaseAct.Action == "message" && CaseAct.Problem ?> aria-invalid="true" aria-describedby="err-case-message"<?cs /if ?>><?cs if:CaseAct.Action == "message" ?><?cs var:Form.text ?><?cs /if ?></textarea>
      </div>
      <p class="hint"><?cs var:L.CaseMessage.Hint ?></p><?cs call:case_act_problem("message") ?>
      <button type="submit" class="primary"><?cs var:L.CaseMessage.Button ?></button>
    </form>
  </section>
<?cs /if ?>
<?cs if:CaseAct.close || CaseAct.reopen ?>
  <section aria-labelledby="case-actions-h">
    <h2 id="case-actions-h"><?cs var:L.CaseAct.Title ?></h2>
<?cs if:CaseAct.close ?><?cs call:case_act_open("close") ?>
      <p class="hint"><?cs var:L.CaseAct.Hint.close ?></p><?cs call:case_act_close("close") ?><?cs /if ?>
<?cs if:CaseAct.reopen ?><?cs call:case_act_open("reopen") ?><?cs call:case_act_text("reopen") ?>
      <p class="hint"><?cs var:L.CaseAct.Hint.reopen ?></p><?cs call:case_act_close("reopen") ?><?cs /if ?>
  </section>
<?cs /if ?><?cs
# Withdrawing ends the case for good: a plain link to its confirmation
# step, below everything else, never a primary button. ?>
<?cs if:CaseAct.withdraw ?>
  <p class="secondary-action"><a href="/cases/<?cs var:Case.tracking ?>/withdraw<?cs if:Case.Link ?>?k=<?cs var:url_escape(Case.Link) ?><?cs /if ?>"><?cs var:L.Withdraw.Link ?></a> <span class="hint"><?cs var:L.CaseAct.Hint.withdraw ?></span></p>
<?cs /if ?>
</article>
