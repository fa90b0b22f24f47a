<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# departments.cs: the department tree (indented by depth) and the form to
# create a department under a parent. ?><?cs
include:"fields.cs" ?><?cs
include:"admin/org/fields.cs" ?>
<h1><?cs var:L.Title.AdminDepartments ?></h1>
<?cs include:"admin/org/nav.cs" ?>
<h2><?cs var:L.Admin.Dept.List ?></h2>
<table class="cases">
  <caption class="visually-hidden"><?cs var:L.Admin.Dept.List ?></caption>
  <thead><tr>
    <th scope="col"><?cs var:L.Admin.Dept.NameKo ?></th>
    <th scope="col"><?cs var:L.Admin.Dept.NameEnField ?></th>
    <th scope="col"><?cs var:L.Admin.Dept.Parent ?></th>
    <th scope="col"><?cs var:L.Admin.Dept.Status ?></th>
  </tr></thead>
  <tbody>
<?cs each:d = Depts ?>
    <tr>
      <td data-label="<?cs var:L.Admin.Dept.NameKo ?>" lang="ko"><?cs if:d.depth > 0 ?><span aria-hidden="true"><?cs var:d.indent ?>└ </span><?cs /if ?><a href="/admin/departments/<?cs var:d.id ?>"><?cs var:d.name_ko ?></a></td>
      <td data-label="<?cs var:L.Admin.Dept.NameEnField ?>" lang="en"><?cs var:d.name_en ?></td>
      <td data-label="<?cs var:L.Admin.Dept.Parent ?>"><?cs if:d.parent_name ?><?cs var:d.parent_name ?><?cs else ?><?cs var:L.Admin.Dept.Root ?><?cs /if ?></td>
      <td data-label="<?cs var:L.Admin.Dept.Status ?>"><?cs if:d.active == "1" ?><?cs var:L.Admin.Active ?><?cs else ?><span class="tag"><?cs var:L.Admin.Inactive ?></span><?cs /if ?></td>
    </tr>
<?cs /each ?>
  </tbody>
</table>
<h2 id="create-h"><?cs var:L.Admin.Dept.Create ?></h2>
<?cs call:form_errors() ?>
<form method="post" action="/admin/departments" class="stack" aria-labelledby="create-h">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <div class="field">
    <label for="parent_id"><?cs var:L.Admin.Dept.Parent ?></label>
    <select id="parent_id" name="parent_id"<?cs call:field_aria("parent_id") ?>>
<?cs if:Session.AdminGlobal == "1" ?>
      <option value="0"<?cs if:Form.parent_id == "0" ?> selected<?cs /if ?>><?cs var:L.Admin.Dept.Root ?></option>
<?cs /if ?>
<?cs call:dept_options(Form.parent_id, 0) ?>
    </select>
    <?cs call:field_error("parent_id") ?>
  </div>
<?cs call:dept_name_fields() ?>
  <button type="submit" class="primary"><?cs var:L.Admin.Button.Create ?></button>
</form>
