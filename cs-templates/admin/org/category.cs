<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# category.cs: one category's routing rule, to edit. ?>
<h1><?cs var:L.Title.AdminCategory ?>: <?cs var:Rule.name ?></h1>
<?cs include:"admin/org/nav.cs" ?>
<p><a href="/admin/categories"><?cs var:L.Admin.Rule.Back ?></a></p>
<p><?cs var:L.Admin.Rule.Lead ?></p>
<?cs if:Form.HasErrors ?><p class="form-error" role="alert"><?cs var:L.Msg.FixErrors ?></p><?cs /if ?>
<form method="post" action="/admin/categories/<?cs var:Rule.id ?>" class="stack">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
<?cs include:"admin/org/rule_form.cs" ?>
  <button type="submit" class="primary"><?cs var:L.Admin.Button.Save ?></button>
</form>
