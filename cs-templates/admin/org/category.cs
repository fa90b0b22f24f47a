<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# category.cs: one category's routing rule, to edit. ?>
<?cs include:"admin/org/rule_form.cs" ?>
<h1><?cs var:L.Title.AdminCategory ?>: <?cs var:Rule.name ?></h1>
<?cs include:"admin/org/nav.cs" ?>
<p><a href="/admin/categories"><?cs var:L.Admin.Rule.Back ?></a></p>
<p><?cs var:L.Admin.Rule.Lead ?></p>
<?cs call:rule_form("/admin/categories/" + Rule.id, "", L.Admin.Button.Save) ?>
