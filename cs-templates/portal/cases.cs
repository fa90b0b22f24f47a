<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# cases.cs: the public list of public cases, filtered and searched. ?>
<h1><?cs var:L.Title.PublicCases ?></h1>
<form method="get" action="/cases" class="filters" role="search">
  <div class="field">
    <label for="q"><?cs var:L.List.Search ?></label>
    <input type="search" id="q" name="q" maxlength="100" value="<?cs var:Filter.q ?>"<?cs call:field_aria("q") ?>>
    <?cs call:field_error("q") ?>
  </div>
  <div class="field">
    <label for="category"><?cs var:L.Col.Category ?></label>
    <select id="category" name="category">
      <option value=""><?cs var:L.List.All ?></option>
<?cs each:g = Categories ?>
      <option value="<?cs var:g.id ?>"<?cs if:g.id == Filter.category ?> selected<?cs /if ?>><?cs var:g.name ?></option>
<?cs /each ?>
    </select>
  </div>
  <div class="field">
    <label for="status"><?cs var:L.Col.Status ?></label>
    <select id="status" name="status">
      <option value=""><?cs var:L.List.All ?></option>
<?cs each:s = L.Status ?>
      <option value="<?cs name:s ?>"<?cs if:name(s) == Filter.status ?> selected<?cs /if ?>><?cs var:s ?></option>
<?cs /each ?>
    </select>
  </div>
  <button type="submit"><?cs var:L.List.Filter ?></button>
</form>
<p class="count"><?cs var:L.List.Total ?> <?cs var:Pager.Total ?></p>
<?cs if:subcount(Cases) > 0 ?>
<?cs include:"portal/case_rows.cs" ?>
<?cs else ?>
<p><?cs var:L.List.Empty ?></p>
<?cs /if ?>
<?cs call:pager("/cases?q=" + url_escape(Filter.q) + "&category=" + Filter.category + "&status=" + Filter.status + "&") ?>
