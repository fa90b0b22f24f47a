<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# categories.cs: every category with its routing rule, and the form to
# create a category. ?>
<?cs include:"admin/org/rule_form.cs" ?>
<h1><?cs var:L.Title.AdminCategories ?></h1>
<?cs include:"admin/org/nav.cs" ?>
<p><?cs var:L.Admin.Rule.Lead ?></p>
<h2><?cs var:L.Admin.Rule.List ?></h2>
<table class="cases">
  <caption class="visually-hidden"><?cs var:L.Admin.Rule.List ?></caption>
  <thead><tr>
    <th scope="col"><?cs var:L.Admin.Rule.Name ?></th>
    <th scope="col"><?cs var:L.Admin.Rule.LeadDept ?></th>
    <th scope="col"><?cs var:L.Admin.Rule.Joint ?></th>
    <th scope="col"><?cs var:L.Admin.Rule.Mode ?></th>
    <th scope="col"><?cs var:L.Admin.Rule.Deadline ?></th>
    <th scope="col"><?cs var:L.Admin.Rule.Approval ?></th>
    <th scope="col"><?cs var:L.Admin.Rule.Status ?></th>
  </tr></thead>
  <tbody>
<?cs each:g = Rules ?>
    <tr>
      <td data-label="<?cs var:L.Admin.Rule.Name ?>"><a href="/admin/categories/<?cs var:g.id ?>"><?cs var:g.name ?></a></td>
      <td data-label="<?cs var:L.Admin.Rule.LeadDept ?>"><?cs if:g.department ?><?cs var:g.department ?><?cs else ?><?cs var:L.Admin.None ?><?cs /if ?></td>
      <td data-label="<?cs var:L.Admin.Rule.Joint ?>"><?cs if:g.joint ?><?cs var:g.joint ?><?cs else ?><?cs var:L.Admin.None ?><?cs /if ?></td>
      <td data-label="<?cs var:L.Admin.Rule.Mode ?>"><?cs var:L.Admin.Mode[g.mode] ?></td>
      <td data-label="<?cs var:L.Admin.Rule.Deadline ?>"><?cs var:g.deadline ?> <?cs var:L.Admin.Rule.DeadlineDays ?></td>
      <td data-label="<?cs var:L.Admin.Rule.Approval ?>"><?cs if:g.approval == "1" ?><?cs var:L.Admin.Yes ?><?cs else ?><?cs var:L.Admin.No ?><?cs /if ?></td>
      <td data-label="<?cs var:L.Admin.Rule.Status ?>"><?cs if:g.active == "1" ?><?cs var:L.Admin.Active ?><?cs else ?><span class="tag"><?cs var:L.Admin.Inactive ?></span><?cs /if ?></td>
    </tr>
<?cs /each ?>
  </tbody>
</table>
<h2 id="create-h"><?cs var:L.Admin.Rule.Create ?></h2>
<?cs call:rule_form("/admin/categories", "create-h", L.Admin.Button.Create) ?>
