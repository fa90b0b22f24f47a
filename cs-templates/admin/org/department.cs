<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# department.cs: one department: rename, move under another parent,
# (de)activate. ?><?cs
include:"fields.cs" ?><?cs
include:"admin/org/fields.cs" ?>
<h1><?cs var:L.Title.AdminDepartment ?>: <?cs var:Dept.name ?></h1>
<?cs include:"admin/org/nav.cs" ?>
<p><a href="/admin/departments"><?cs var:L.Admin.Dept.Back ?></a></p>
<?cs call:form_errors() ?>
<form method="post" action="/admin/departments/<?cs var:Dept.id ?>" class="stack">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
<?cs call:dept_name_fields() ?>
  <div class="field">
    <label for="parent_id"><?cs var:L.Admin.Dept.Parent ?></label>
    <select id="parent_id" name="parent_id"<?cs call:field_aria_hint("parent_id", "parent-hint") ?>>
<?cs if:Session.AdminGlobal == "1" || Form.parent_id == "0" ?>
      <option value="0"<?cs if:Form.parent_id == "0" ?> selected<?cs /if ?>><?cs var:L.Admin.Dept.Root ?></option>
<?cs /if ?>
<?cs if:Dept.ParentOutside.id ?><?cs # the present parent, outside a scoped administrator's departments: kept, not offered elsewhere ?>
      <option value="<?cs var:Dept.ParentOutside.id ?>"<?cs if:Dept.ParentOutside.id == Form.parent_id ?> selected<?cs /if ?>><?cs var:Dept.ParentOutside.name ?></option>
<?cs /if ?>
<?cs call:dept_options(Form.parent_id, Dept.id) ?>
    </select>
    <p class="hint" id="parent-hint"><?cs var:L.Admin.Dept.ParentHint ?></p>
    <?cs call:field_error("parent_id") ?>
  </div>
  <div class="field check">
    <input type="checkbox" id="active" name="active" value="1" aria-describedby="active-hint"<?cs if:Form.active == "1" ?> checked<?cs /if ?>>
    <label for="active"><?cs var:L.Admin.Dept.ActiveField ?></label>
    <p class="hint" id="active-hint"><?cs var:L.Admin.Dept.ActiveHint ?></p>
  </div>
  <button type="submit" class="primary"><?cs var:L.Admin.Button.Save ?></button>
</form>
