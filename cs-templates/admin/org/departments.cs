<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# departments.cs: the department tree (indented by depth) and the form to
# create a department under a parent. ?>
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
<?cs if:Form.HasErrors ?><p class="form-error" role="alert"><?cs var:L.Msg.FixErrors ?></p><?cs /if ?>
<form method="post" action="/admin/departments" class="stack" aria-labelledby="create-h">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <div class="field">
    <label for="parent_id"><?cs var:L.Admin.Dept.Parent ?></label>
    <select id="parent_id" name="parent_id"<?cs call:field_aria("parent_id") ?>>
<?cs if:Session.AdminGlobal == "1" ?>
      <option value="0"<?cs if:Form.parent_id == "0" ?> selected<?cs /if ?>><?cs var:L.Admin.Dept.Root ?></option>
<?cs /if ?>
<?cs each:d = Depts ?>
      <option value="<?cs var:d.id ?>"<?cs if:d.id == Form.parent_id ?> selected<?cs /if ?>><?cs var:d.indent ?><?cs var:d.name ?></option>
<?cs /each ?>
    </select>
    <?cs call:field_error("parent_id") ?>
  </div>
  <div class="field">
    <label for="name_ko"><?cs var:L.Admin.Dept.NameKo ?></label>
    <input type="text" id="name_ko" name="name_ko" maxlength="100" required value="<?cs var:Form.name_ko ?>"<?cs call:field_aria("name_ko") ?>>
    <?cs call:field_error("name_ko") ?>
  </div>
  <div class="field">
    <label for="name_en"><?cs var:L.Admin.Dept.NameEnField ?></label>
    <input type="text" id="name_en" name="name_en" maxlength="100" required lang="en" value="<?cs var:Form.name_en ?>"<?cs call:field_aria("name_en") ?>>
    <?cs call:field_error("name_en") ?>
  </div>
  <button type="submit" class="primary"><?cs var:L.Admin.Button.Create ?></button>
</form>
