<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# case_macros.cs: what the case pages share, written once: the table of
# cases (public list, the citizen's own, the staff inbox), the fields of
# the list filters, a case's body and attachments. Each page that calls
# them includes this file. ?><?cs
include:"map.cs" ?><?cs

# The search box of a list: Filter.q, error beside it. ?><?cs
def:filter_search(label) ?>
  <div class="field">
    <label for="q"><?cs var:label ?></label>
    <input type="search" id="q" name="q" maxlength="100" value="<?cs var:Filter.q ?>"<?cs call:field_aria("q") ?>>
    <?cs call:field_error("q") ?>
  </div><?cs
/def ?><?cs

# The opening of a filter's select, "All" (no filter) first when all is 1. ?><?cs
def:filter_select(id, label, all) ?>
  <div class="field">
    <label for="<?cs var:id ?>"><?cs var:label ?></label>
    <select id="<?cs var:id ?>" name="<?cs var:id ?>"><?cs
  if:all ?>
      <option value=""><?cs var:L.List.All ?></option><?cs
  /if ?><?cs
/def ?><?cs
def:filter_select_end() ?>
    </select>
  </div><?cs
/def ?><?cs

# A filter chosen from named options (L.Status, L.Inbox.Channel: the name
# is the value, the text the label), "All" first when all is 1. ?><?cs
def:filter_names(id, label, options, current, all) ?><?cs
  call:filter_select(id, label, all) ?><?cs
  each:o = options ?>
      <option value="<?cs name:o ?>"<?cs if:name(o) == current ?> selected<?cs /if ?>><?cs var:o ?></option><?cs
  /each ?><?cs
  call:filter_select_end() ?><?cs
/def ?><?cs

# The category filter: Categories (id, name), "All" first. ?><?cs
def:filter_category(current) ?><?cs
  call:filter_select("category", L.Col.Category, 1) ?><?cs
  each:g = Categories ?>
      <option value="<?cs var:g.id ?>"<?cs if:g.id == current ?> selected<?cs /if ?>><?cs var:g.name ?></option><?cs
  /each ?><?cs
  call:filter_select_end() ?><?cs
/def ?><?cs

# A date filter (from, to), error beside it. ?><?cs
def:filter_date(id, label, value) ?>
  <div class="field">
    <label for="<?cs var:id ?>"><?cs var:label ?></label>
    <input type="date" id="<?cs var:id ?>" name="<?cs var:id ?>" value="<?cs var:value ?>"<?cs call:field_aria(id) ?>>
    <?cs call:field_error(id) ?>
  </div><?cs
/def ?><?cs

# A table of cases. kind: "public" (the portal's list: filer, masked),
# "mine" (the citizen's own: public or private), "staff" (the inbox:
# department, handlers, deadline, a box to pick each for bulk actions).
# portal/cases.cs writes "public" out for speed: change both (the home
# page and the list must show the same bytes: t/e2e/400-public-view.t). ?><?cs
def:case_table(caption, rows, kind) ?>
<table class="cases">
  <caption class="visually-hidden"><?cs var:caption ?></caption>
  <thead><tr>
    <th scope="col"><?cs var:L.Col.Tracking ?></th>
    <th scope="col"><?cs var:L.Col.Title ?></th>
    <th scope="col"><?cs var:L.Col.Category ?></th><?cs if:kind == "staff" ?>
    <th scope="col"><?cs var:L.Inbox.ChannelLabel ?></th>
    <th scope="col"><?cs var:L.Col.Department ?></th>
    <th scope="col"><?cs var:L.Inbox.Handlers ?></th><?cs /if ?>
    <th scope="col"><?cs var:L.Col.Status ?></th>
    <th scope="col"><?cs if:kind == "public" ?><?cs var:L.Col.Filer ?><?cs elif:kind == "mine" ?><?cs var:L.Col.Visibility ?><?cs else ?><?cs var:L.Inbox.Due ?><?cs /if ?></th>
    <th scope="col"><?cs var:L.Col.Date ?></th><?cs if:kind == "staff" ?>
    <th scope="col"><?cs var:L.Inbox.Pick ?></th><?cs /if ?>
  </tr></thead>
  <tbody><?cs
  each:c = rows ?>
    <tr>
      <td data-label="<?cs var:L.Col.Tracking ?>"><?cs var:c.tracking ?></td><?cs
    if:kind == "staff" ?>
      <td data-label="<?cs var:L.Col.Title ?>"><a href="/staff/cases/<?cs var:c.tracking ?>"><?cs var:c.title ?></a><?cs if:c.public != "1" ?> <span class="tag"><?cs var:L.Case.Private ?></span><?cs /if ?></td><?cs
    else ?>
      <td data-label="<?cs var:L.Col.Title ?>"><a href="/cases/<?cs var:c.tracking ?>"><?cs if:c.moderation && c.moderation != "visible" ?><?cs var:L.Moderation.TitleHidden ?><?cs else ?><?cs var:c.title ?><?cs /if ?></a></td><?cs
    /if ?>
      <td data-label="<?cs var:L.Col.Category ?>"><?cs var:c.category ?></td><?cs
    if:kind == "staff" ?>
      <td data-label="<?cs var:L.Inbox.ChannelLabel ?>"><?cs var:L.Inbox.Channel[c.channel] ?></td>
      <td data-label="<?cs var:L.Col.Department ?>"><?cs if:c.department ?><?cs var:c.department ?><?cs else ?><?cs var:L.Dossier.NoDepartment ?><?cs /if ?></td>
      <td data-label="<?cs var:L.Inbox.Handlers ?>"><?cs if:c.handlers ?><?cs var:c.handlers ?><?cs else ?><?cs var:L.Dossier.NoHandler ?><?cs /if ?></td><?cs
    /if ?>
      <td data-label="<?cs var:L.Col.Status ?>"><?cs call:status(c.status) ?></td><?cs
    if:kind == "public" ?>
      <td data-label="<?cs var:L.Col.Filer ?>"><?cs call:person(c.filer) ?></td><?cs
    elif:kind == "mine" ?>
      <td data-label="<?cs var:L.Col.Visibility ?>"><?cs if:c.public == "1" ?><?cs var:L.Case.Public ?><?cs else ?><?cs var:L.Case.Private ?><?cs /if ?></td><?cs
    else ?>
      <td data-label="<?cs var:L.Inbox.Due ?>"><?cs var:c.due ?><?cs if:c.overdue == "1" ?> <span class="tag overdue"><?cs var:L.Inbox.Overdue ?></span><?cs /if ?></td><?cs
    /if ?>
      <td data-label="<?cs var:L.Col.Date ?>"><?cs var:c.date ?></td><?cs
    if:kind == "staff" ?>
      <td data-label="<?cs var:L.Inbox.Pick ?>"><input type="checkbox" id="pick-<?cs name:c ?>" name="case" value="<?cs var:c.tracking ?>:<?cs var:c.version ?>"><label for="pick-<?cs name:c ?>" class="visually-hidden"><?cs var:L.Inbox.PickOne ?> <?cs var:c.tracking ?></label></td><?cs
    /if ?>
    </tr><?cs
  /each ?>
  </tbody>
</table><?cs
/def ?><?cs

# What a stage of the timeline says below its line: its note, and under
# an answer the joint departments' parts sent with it (AnswerParts). ?><?cs
def:stage_text(e) ?><?cs
  if:e.note ?>
        <div class="text"><?cs var:e.note ?></div><?cs
  /if ?><?cs
  if:e.answer ?><?cs each:p = AnswerParts ?><?cs if:p.answer == e.answer ?>
        <section class="answer-part">
          <h3><?cs var:L.Case.AnswerPart ?>: <?cs var:p.department ?></h3>
          <div class="text"><?cs var:p.body ?></div>
        </section><?cs /if ?><?cs /each ?><?cs /if ?><?cs
/def ?><?cs

# The case's heading and its first facts (the list stays open). ?><?cs
def:case_facts_start() ?>
  <p class="tracking"><?cs var:L.Col.Tracking ?> <strong><?cs var:Case.tracking ?></strong></p>
  <h1><?cs if:Case.title ?><?cs var:Case.title ?><?cs else ?><?cs var:L.Moderation.TitleHidden ?><?cs /if ?></h1>
  <dl class="facts">
    <dt><?cs var:L.Col.Status ?></dt><dd><?cs call:status(Case.status) ?></dd>
    <dt><?cs var:L.Col.Category ?></dt><dd><?cs var:Case.category ?></dd><?cs
/def ?><?cs

# The last facts of a case: who filed it, whether it is public (and an
# example case, on the staff page), where. ?><?cs
def:case_facts_end() ?>
    <dt><?cs var:L.Col.Filer ?></dt><dd><?cs call:person(Case.filer) ?></dd>
    <dt><?cs var:L.Col.Visibility ?></dt><dd><?cs if:Case.public == "1" ?><?cs var:L.Case.Public ?><?cs else ?><?cs var:L.Case.Private ?><?cs /if ?><?cs if:State.is_example == "1" ?> <span class="tag"><?cs var:L.Dossier.Example ?></span><?cs /if ?></dd><?cs
  if:Case.address ?>
    <dt><?cs var:L.Col.Address ?></dt><dd><?cs var:Case.address ?></dd><?cs
  /if ?><?cs
  if:Case.lat ?>
    <dt><?cs var:L.Col.Location ?></dt><dd><?cs var:Case.lat ?>, <?cs var:Case.lng ?></dd><?cs
  /if ?><?cs
/def ?><?cs

# The case's map (when it has a location), its text and its attachments
# (Case.body, Files). ?><?cs
def:case_body() ?><?cs
  if:Case.lat ?><?cs call:map_box() ?><?cs /if ?>
  <section class="body">
    <h2><?cs var:L.Case.Body ?></h2><?cs
    # A text out of public sight (moderation, 0032): the public reads a
    # line instead; its author and staff read why, and the text. ?><?cs
    if:Case.moderation && Case.moderation != "visible" ?>
    <p class="flash warning moderation-line"><?cs var:L.Moderation.CaseLine[Case.moderation] ?><?cs if:Case.body && Case.moderation_reason ?> <?cs var:L.Moderation.ReasonIs ?> <?cs var:Case.moderation_reason ?><?cs /if ?><?cs if:Case.Mine ?> <a href="/objection/case/<?cs var:Case.tracking ?>"><?cs var:L.Moderation.ObjectLink ?></a><?cs /if ?></p><?cs
    /if ?><?cs
    if:Case.body ?>
    <div class="text"><?cs var:Case.body ?></div><?cs
    /if ?><?cs
    if:Case.public == "1" && Case.moderation == "visible" && !Case.Mine && Session.Staff != "1" ?>
    <p class="secondary-action"><a href="/report/case/<?cs var:Case.tracking ?>"><?cs var:L.Moderation.ReportLink ?></a></p><?cs
    /if ?><?cs
    if:subcount(Answers) > 0 ?>
    <dl class="answers"><?cs each:a = Answers ?>
      <dt><?cs var:a.question ?></dt><dd><?cs var:a.answer ?></dd><?cs /each ?>
    </dl><?cs /if ?>
  </section><?cs
  if:subcount(Files) > 0 ?>
  <section>
    <h2><?cs var:L.Case.Files ?></h2>
    <ul class="files"><?cs
    each:f = Files ?>
      <li><a href="/attachments/<?cs var:f.id ?><?cs if:Case.Link ?>?k=<?cs var:url_escape(Case.Link) ?><?cs /if ?>"><?cs var:f.name ?></a> <span class="meta">(<?cs var:f.type ?>, <?cs var:f.size ?> B)</span></li><?cs
    /each ?>
    </ul>
  </section><?cs
  /if ?><?cs
/def ?>
