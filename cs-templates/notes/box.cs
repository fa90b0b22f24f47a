<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# box.cs: the notes (쪽지) inbox or sent box (NotesBox), newest first,
# unread ones marked; paged. ?>
<h1><?cs if:NotesBox == "sent" ?><?cs var:L.Title.NotesSent ?><?cs else ?><?cs var:L.Title.Notes ?><?cs /if ?></h1>
<p><a class="button primary" href="/notes/new"><?cs var:L.Notes.Write ?></a>
  <?cs if:NotesBox == "sent" ?><a class="button" href="/notes"><?cs var:L.Title.Notes ?></a><?cs
  else ?><a class="button" href="/notes/sent"><?cs var:L.Title.NotesSent ?></a><?cs /if ?></p>
<?cs if:subcount(Notes) > 0 ?>
<table class="cases notes">
  <caption class="visually-hidden"><?cs if:NotesBox == "sent" ?><?cs var:L.Title.NotesSent ?><?cs else ?><?cs var:L.Title.Notes ?><?cs /if ?></caption>
  <thead><tr>
    <th scope="col"><?cs if:NotesBox == "sent" ?><?cs var:L.Notes.To ?><?cs else ?><?cs var:L.Notes.From ?><?cs /if ?></th>
    <th scope="col"><?cs var:L.Notes.Excerpt ?></th>
    <th scope="col"><?cs var:L.Notes.Sent ?></th>
    <th scope="col"><?cs var:L.Notes.Read ?></th>
  </tr></thead>
  <tbody><?cs
  each:n = Notes ?>
    <tr<?cs if:n.unread == "1" ?> class="unread"<?cs /if ?>>
      <td data-label="<?cs if:NotesBox == "sent" ?><?cs var:L.Notes.To ?><?cs else ?><?cs var:L.Notes.From ?><?cs /if ?>"><?cs call:person(n.other) ?></td>
      <td data-label="<?cs var:L.Notes.Excerpt ?>"><a href="/notes/<?cs var:n.id ?>"><?cs if:n.unread == "1" ?><strong><?cs var:L.Notes.Unread ?></strong> <?cs /if ?><?cs var:n.excerpt ?></a></td>
      <td data-label="<?cs var:L.Notes.Sent ?>"><?cs var:n.sent ?></td>
      <td data-label="<?cs var:L.Notes.Read ?>"><?cs if:n.read ?><?cs var:n.read ?><?cs else ?><?cs var:L.Notes.NotRead ?><?cs /if ?></td>
    </tr><?cs
  /each ?>
  </tbody>
</table>
<?cs if:NotesBox == "sent" ?><?cs call:pager("/notes/sent?") ?><?cs else ?><?cs call:pager("/notes?") ?><?cs /if ?>
<?cs else ?>
<p><?cs if:NotesBox == "sent" ?><?cs var:L.Notes.NoneSent ?><?cs else ?><?cs var:L.Notes.None ?><?cs /if ?></p>
<?cs /if ?>
