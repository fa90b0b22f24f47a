<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# case.cs: a case as the citizen (or the public) sees it. ?>
<article class="case">
  <p class="tracking"><?cs var:L.Col.Tracking ?> <strong><?cs var:Case.tracking ?></strong></p>
  <h1><?cs var:Case.title ?></h1>
  <dl class="facts">
    <dt><?cs var:L.Col.Status ?></dt><dd><?cs call:status(Case.status) ?></dd>
    <dt><?cs var:L.Col.Category ?></dt><dd><?cs var:Case.category ?></dd>
<?cs if:Case.department ?>
    <dt><?cs var:L.Col.Department ?></dt><dd><?cs var:Case.department ?></dd>
<?cs /if ?>
    <dt><?cs var:L.Col.Filed ?></dt><dd><?cs var:Case.created ?></dd>
    <dt><?cs var:L.Col.Filer ?></dt><dd><?cs var:Case.filer ?></dd>
    <dt><?cs var:L.Col.Visibility ?></dt><dd><?cs if:Case.public == "1" ?><?cs var:L.Case.Public ?><?cs else ?><?cs var:L.Case.Private ?><?cs /if ?></dd>
<?cs if:Case.address ?>
    <dt><?cs var:L.Col.Address ?></dt><dd><?cs var:Case.address ?></dd>
<?cs /if ?>
<?cs if:Case.lat ?>
    <dt><?cs var:L.Col.Location ?></dt><dd><?cs var:Case.lat ?>, <?cs var:Case.lng ?></dd>
<?cs /if ?>
  </dl>
  <section class="body">
    <h2><?cs var:L.Case.Body ?></h2>
    <div class="text"><?cs var:Case.body ?></div>
  </section>
<?cs if:subcount(Files) > 0 ?>
  <section>
    <h2><?cs var:L.Case.Files ?></h2>
    <ul class="files">
<?cs each:f = Files ?>
      <li><a href="/attachments/<?cs var:f.id ?>"><?cs var:f.name ?></a> <span class="meta">(<?cs var:f.type ?>, <?cs var:f.size ?> B)</span></li>
<?cs /each ?>
    </ul>
  </section>
<?cs /if ?>
  <section>
    <h2><?cs var:L.Case.History ?></h2>
    <ol class="timeline">
<?cs each:e = Events ?>
      <li>
        <p><strong><?cs var:L.Event[e.kind] ?></strong> <time><?cs var:e.at ?></time><?cs if:e.department ?> · <?cs var:e.department ?><?cs /if ?></p>
<?cs if:e.note ?>        <div class="text"><?cs var:e.note ?></div><?cs /if ?>
      </li>
<?cs /each ?>
    </ol>
  </section>
</article>
