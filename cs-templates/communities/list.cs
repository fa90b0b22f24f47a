<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# list.cs: the communities the reader may see (never an unlisted one they
# are not in, never a closed one), searched by name, filtered by
# template, or only their own; the way to the creation wizard. ?>
<h1><?cs var:L.Title.Communities ?></h1>
<p class="lead"><?cs var:L.Community.Lead ?></p>
<?cs if:Session.Name ?><p><a class="button primary" href="/communities/new"><?cs var:L.Community.Create ?></a></p><?cs /if ?>
<form method="get" action="/communities" class="filters" role="search">
  <div class="field">
    <label for="q"><?cs var:L.Community.Search ?></label>
    <input type="search" id="q" name="q" maxlength="100" value="<?cs var:Form.q ?>">
  </div>
  <div class="field">
    <label for="template"><?cs var:L.Community.TemplateLabel ?></label>
    <select id="template" name="template">
      <option value=""><?cs var:L.Community.AnyTemplate ?></option><?cs
each:t = Templates ?>
      <option value="<?cs var:t ?>"<?cs if:Form.template == t ?> selected<?cs /if ?>><?cs var:L.Community.Template[t] ?></option><?cs
/each ?>
    </select>
  </div><?cs
if:Session.Name ?>
  <div class="field check">
    <input type="checkbox" id="mine" name="mine" value="1"<?cs if:Form.mine == "1" ?> checked<?cs /if ?>>
    <label for="mine"><?cs var:L.Community.Mine ?></label>
  </div><?cs
/if ?>
  <button type="submit"><?cs var:L.Community.SearchButton ?></button>
</form>
<?cs if:subcount(Communities) > 0 ?>
<ul class="community-list"><?cs
each:c = Communities ?>
  <li class="community-card">
    <h2><a href="/c/<?cs var:c.slug ?>"><?cs var:c.name ?></a></h2>
    <p class="meta"><span class="tag"><?cs var:L.Community.Template[c.template] ?></span>
      · <?cs var:L.Community.Visibility[c.visibility] ?> · <?cs var:L.Community.Membership[c.membership] ?>
      · <?cs var:L.Community.Members ?> <?cs var:c.members ?><?cs
  if:c.state != "active" ?> · <?cs var:L.Community.State[c.state] ?><?cs /if ?><?cs
  if:c.my_state ?> · <strong><?cs var:L.Community.MyState[c.my_state] ?></strong><?cs /if ?></p>
    <p><?cs var:c.summary ?></p>
  </li><?cs
/each ?>
</ul>
<?cs else ?>
<p><?cs var:L.Community.None ?></p>
<?cs /if ?>
