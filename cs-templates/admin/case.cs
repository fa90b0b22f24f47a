<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# case.cs: the staff page of one case: its state, departments and
# handlers, the citizen's contact (for those who work it; each view is
# audited), the forms of every action open to this staff member, answers,
# notes, the thread between departments, the whole history and the
# citizen's other cases. Texts people typed are shown escaped, their line
# breaks kept (class "text"). ?><?cs
include:"case_macros.cs" ?>
<p><a href="/staff/cases"><?cs var:L.Dossier.Back ?></a></p>
<?cs if:Act.Done ?><p class="flash" role="status"><?cs var:L.Act.Done[Act.Done] ?></p><?cs /if ?>
<?cs if:Act.Conflict ?><p class="flash error" role="alert"><?cs var:L.Act.Problem.changed ?></p><?cs /if ?>
<article class="case"><?cs call:case_facts_start() ?>
    <dt><?cs var:L.Dossier.Lead ?></dt><dd><?cs if:Case.department ?><?cs var:Case.department ?><?cs else ?><?cs var:L.Dossier.NoDepartment ?><?cs /if ?></dd>
    <dt><?cs var:L.Inbox.Due ?></dt><dd><?cs var:State.due ?><?cs if:State.overdue == "1" ?> <span class="tag overdue"><?cs var:L.Inbox.Overdue ?></span><?cs /if ?></dd>
    <dt><?cs var:L.Dossier.Extensions ?></dt><dd><?cs var:State.extensions ?> / <?cs var:State.max_extensions ?></dd>
<?cs if:State.needs_approval == "1" ?>
    <dt><?cs var:L.Dossier.Approval ?></dt><dd><?cs var:L.Dossier.ApprovalYes ?></dd>
<?cs /if ?>
    <dt><?cs var:L.Inbox.ChannelLabel ?></dt><dd><?cs var:L.Inbox.Channel[Case.channel] ?></dd>
    <dt><?cs var:L.Col.Filed ?></dt><dd><?cs var:Case.created ?></dd>
<?cs call:case_facts_end() ?>
  </dl>
<?cs if:Contact.name ?>
  <section aria-labelledby="contact-h">
    <h2 id="contact-h"><?cs var:L.Dossier.Contact ?></h2>
    <p class="hint"><?cs var:L.Dossier.ContactAudited ?></p>
    <dl class="facts">
      <dt><?cs var:L.Field.name ?></dt><dd><?cs call:person(Contact.name) ?></dd>
      <dt><?cs var:L.Dossier.Email ?></dt><dd><?cs var:Contact.email ?></dd>
      <dt><?cs var:L.Dossier.Mobile ?></dt><dd><?cs if:Contact.mobile ?><?cs var:Contact.mobile ?><?cs else ?><?cs var:L.Dossier.None ?><?cs /if ?></dd>
    </dl>
  </section>
<?cs /if ?>
<?cs call:case_body() ?>
<?cs include:"staff/unpublish.cs" ?>
<?cs include:"staff/share.cs" ?>
<?cs include:"staff/repeat.cs" ?>
  <section aria-labelledby="depts-h">
    <h2 id="depts-h"><?cs var:L.Dossier.Departments ?></h2>
<?cs if:subcount(Departments) > 0 ?>
    <ul class="departments">
<?cs each:d = Departments ?>
      <li>
        <p><strong><?cs var:d.name ?></strong> · <?cs var:L.Dossier.Role[d.role] ?><?cs if:d.role == "joint" ?> · <?cs var:L.Dossier.Part[d.part_status] ?><?cs /if ?></p>
<?cs if:d.part_text ?>        <div class="text"><?cs var:d.part_text ?></div><?cs /if ?>
      </li>
<?cs /each ?>
    </ul>
<?cs else ?>
    <p><?cs var:L.Dossier.NoDepartment ?></p>
<?cs /if ?>
    <h3><?cs var:L.Inbox.Handlers ?></h3>
<?cs if:subcount(Handlers) > 0 ?>
    <ul class="handlers">
<?cs each:h = Handlers ?>
      <li><?cs var:h.name ?> (<?cs var:h.department ?>) · <?cs var:L.Dossier.Since ?> <time><?cs var:h.assigned ?></time><?cs if:h.absent == "1" ?> <span class="tag"><?cs var:L.Dossier.Absent ?></span><?cs /if ?></li>
<?cs /each ?>
    </ul>
<?cs else ?>
    <p><?cs var:L.Dossier.NoHandler ?></p>
<?cs /if ?>
  </section>
<?cs include:"staff/case_actions.cs" ?><?cs

# The form of an internal note or a message to the case's departments:
# kind is the field, the path (/note, /message) and the ?done= key. ?><?cs
def:text_form(kind, heading, label, button) ?>
    <form method="post" action="/staff/cases/<?cs var:Case.tracking ?>/<?cs var:kind ?>" class="stack" aria-labelledby="<?cs var:kind ?>-h">
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
      <?cs call:idem_field() ?>
      <h3 id="<?cs var:kind ?>-h"><?cs var:heading ?></h3>
      <div class="field">
        <label for="<?cs var:kind ?>"><?cs var:label ?></label>
        <textarea id="<?cs var:kind ?>" name="<?cs var:kind ?>" rows="3" maxlength="<?cs var:Limit.Reason ?>"<?cs call:field_aria(kind) ?>><?cs if:Act.Action == kind ?><?cs var:Form[kind] ?><?cs /if ?></textarea>
        <?cs call:field_error(kind) ?><?cs call:act_problem(kind) ?>
      </div>
      <button type="submit"><?cs var:button ?></button>
    </form><?cs
/def ?>
<?cs if:subcount(Answers) > 0 ?>
  <section aria-labelledby="answers-h">
    <h2 id="answers-h"><?cs var:L.Dossier.Answers ?></h2>
    <ol class="answers">
<?cs each:a = Answers ?>
      <li>
        <p><strong><?cs var:L.Dossier.AnswerStatus[a.status] ?></strong> · <?cs var:a.author ?> · <time><?cs var:a.created ?></time><?cs if:a.sent ?> · <?cs var:L.Dossier.Sent ?> <time><?cs var:a.sent ?></time><?cs /if ?><?cs if:a.approver ?> · <?cs var:L.Dossier.ApprovedBy ?> <?cs var:a.approver ?><?cs /if ?></p>
        <div class="text"><?cs var:a.body ?></div><?cs if:a.outcome ?>
        <p><strong><?cs var:L.Act.Field.outcome ?>:</strong> <?cs var:L.Proposal.Outcome[a.outcome] ?></p><?cs /if ?><?cs if:a.plan ?>
        <p><strong><?cs var:L.Proposal.Review.Plan ?>:</strong></p><div class="text"><?cs var:a.plan ?></div><?cs /if ?>
      </li>
<?cs /each ?>
    </ol><?cs if:State.kind == "proposal" && Allow.note && (State.status == "answered" || State.status == "closed") ?>
    <p class="hint"><?cs var:L.Act.Hint.update ?></p><?cs call:text_form("update", L.Act.Field.update, L.Act.Field.update, L.Act.UpdateButton) ?><?cs /if ?>
  </section>
<?cs /if ?>
<?cs if:subcount(Ratings) > 0 ?>
  <section aria-labelledby="ratings-h">
    <h2 id="ratings-h"><?cs var:L.Rate.Ratings ?></h2>
    <ol class="answers">
<?cs each:r = Ratings ?>
      <li>
        <p><strong><?cs var:L.Rate.Rating ?>: <?cs var:r.rating ?> / 5</strong> · <?cs var:L.Rate.RatedAt ?> <time><?cs var:r.rated ?></time> · <?cs var:L.Rate.CallbackState ?>: <?cs if:r.callback == "pending" ?><?cs var:L.Rate.CbPending ?><?cs elif:r.callback == "done" ?><?cs var:L.Rate.CbDone ?><?cs else ?><?cs var:L.Rate.CbNone ?><?cs /if ?></p>
        <div class="text"><?cs if:r.comment ?><?cs var:r.comment ?><?cs else ?><?cs var:L.Rate.NoComment ?><?cs /if ?></div>
<?cs if:r.callback == "done" ?>
        <p><?cs var:L.Rate.CallbackNote ?> (<?cs var:r.agent ?>, <time><?cs var:r.called ?></time>): <?cs var:r.note ?></p>
<?cs /if ?>
      </li>
<?cs /each ?>
    </ol>
  </section>
<?cs /if ?>
  <section aria-labelledby="notes-h">
    <h2 id="notes-h"><?cs var:L.Dossier.Notes ?></h2>
    <p class="hint"><?cs var:L.Dossier.Internal ?></p>
    <ol class="notes">
<?cs each:e = History ?><?cs if:e.kind == "note" ?>
      <li><p><strong><?cs var:e.actor ?></strong><?cs if:e.department ?> (<?cs var:e.department ?>)<?cs /if ?> · <time><?cs var:e.at ?></time></p><div class="text"><?cs var:e.note ?></div></li>
<?cs /if ?><?cs /each ?>
    </ol>
<?cs if:Allow.note ?><?cs call:text_form("note", L.Dossier.AddNote, L.Dossier.NoteText, L.Dossier.NoteButton) ?><?cs /if ?>
  </section>
  <section aria-labelledby="thread-h">
    <h2 id="thread-h"><?cs var:L.Dossier.Thread ?></h2>
    <p class="hint"><?cs var:L.Dossier.Internal ?></p>
<?cs if:subcount(Messages) > 0 ?>
    <ol class="thread">
<?cs each:m = Messages ?>
      <li><p><strong><?cs var:m.author ?></strong><?cs if:m.department ?> (<?cs var:m.department ?>)<?cs /if ?> · <time><?cs var:m.at ?></time></p><div class="text"><?cs var:m.body ?></div></li>
<?cs /each ?>
    </ol>
<?cs else ?>
    <p><?cs var:L.Dossier.NoMessages ?></p>
<?cs /if ?>
<?cs if:Allow.message ?><?cs call:text_form("message", L.Dossier.AddMessage, L.Dossier.MessageText, L.Dossier.MessageButton) ?><?cs /if ?>
  </section>
  <section aria-labelledby="history-h">
    <h2 id="history-h"><?cs var:L.Dossier.History ?></h2>
    <ol class="timeline">
<?cs each:e = History ?>
      <li>
        <p><strong><?cs var:L.Event[e.kind] ?></strong> <time><?cs var:e.at ?></time><?cs if:e.department ?> · <?cs var:e.department ?><?cs /if ?><?cs if:e.target_department ?> → <?cs var:e.target_department ?><?cs /if ?><?cs if:e.target_category ?> → <?cs var:L.Col.Category ?>: <?cs var:e.target_category ?><?cs /if ?><?cs if:e.target ?> → <?cs var:e.target ?><?cs /if ?> · <?cs if:e.actor ?><?cs var:e.actor ?><?cs else ?><?cs var:L.Dossier.System ?><?cs /if ?><?cs if:e.public != "1" ?> <span class="tag"><?cs var:L.Dossier.InternalTag ?></span><?cs /if ?></p>
<?cs call:stage_text(e) ?>
      </li>
<?cs /each ?>
    </ol>
  </section>
<?cs if:subcount(Others) > 0 ?>
  <section aria-labelledby="others-h">
    <h2 id="others-h"><?cs var:L.Dossier.Others ?></h2>
    <ul class="others">
<?cs each:o = Others ?>
      <li><a href="/staff/cases/<?cs var:o.tracking ?>"><?cs var:o.tracking ?> <?cs var:o.title ?></a> · <?cs call:status(o.status) ?> · <?cs var:o.date ?></li>
<?cs /each ?>
    </ul>
  </section>
<?cs /if ?>
</article>
