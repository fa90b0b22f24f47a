<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# staff.cs: every staff account with departments, roles and status, and
# the form to create one. ?><?cs
include:"fields.cs" ?><?cs
include:"admin/org/fields.cs" ?>
<h1><?cs var:L.Title.AdminStaff ?></h1>
<?cs include:"admin/org/nav.cs" ?>
<h2><?cs var:L.Admin.Staff.List ?></h2>
<p class="count"><?cs var:L.Admin.Staff.Total ?> <?cs var:StaffCount ?></p>
<table class="cases">
  <caption class="visually-hidden"><?cs var:L.Admin.Staff.List ?></caption>
  <thead><tr>
    <th scope="col"><?cs var:L.Admin.Staff.Login ?></th>
    <th scope="col"><?cs var:L.Admin.Staff.Name ?></th>
    <th scope="col"><?cs var:L.Admin.Staff.Departments ?></th>
    <th scope="col"><?cs var:L.Admin.Staff.Roles ?></th>
    <th scope="col"><?cs var:L.Admin.Staff.Status ?></th>
  </tr></thead>
  <tbody>
<?cs each:p = Staff ?>
    <tr>
      <td data-label="<?cs var:L.Admin.Staff.Login ?>"><?cs var:p.login ?></td>
      <td data-label="<?cs var:L.Admin.Staff.Name ?>"><?cs if:p.manage == "1" ?><a href="/admin/staff/<?cs var:p.id ?>"><?cs var:p.name ?></a><?cs else ?><?cs var:p.name ?><?cs /if ?></td>
      <td data-label="<?cs var:L.Admin.Staff.Departments ?>"><?cs if:p.departments ?><?cs var:p.departments ?><?cs else ?><?cs var:L.Admin.None ?><?cs /if ?></td>
      <td data-label="<?cs var:L.Admin.Staff.Roles ?>"><?cs if:subcount(p.Roles) == 0 ?><?cs var:L.Admin.None ?><?cs /if ?><?cs each:r = p.Roles ?><?cs if:name(r) != "0" ?>, <?cs /if ?><?cs var:L.Admin.Role[r.role] ?> · <?cs if:r.dept ?><?cs var:r.dept ?><?cs else ?><?cs var:L.Admin.Global ?><?cs /if ?><?cs /each ?></td>
      <td data-label="<?cs var:L.Admin.Staff.Status ?>"><?cs if:p.active == "1" ?><?cs var:L.Admin.StaffActive ?><?cs else ?><span class="tag"><?cs var:L.Admin.StaffInactive ?></span><?cs /if ?></td>
    </tr>
<?cs /each ?>
  </tbody>
</table>
<h2 id="create-h"><?cs var:L.Admin.Staff.Create ?></h2>
<?cs call:form_errors() ?>
<form method="post" action="/admin/staff" class="stack" aria-labelledby="create-h" autocomplete="off">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <div class="field">
    <label for="login_id"><?cs var:L.Admin.Staff.Login ?></label>
    <input type="text" id="login_id" name="login_id" maxlength="32" required autocapitalize="none" spellcheck="false" value="<?cs var:Form.login_id ?>"<?cs call:field_aria_hint("login_id", "login-hint") ?>>
    <p class="hint" id="login-hint"><?cs var:L.Hint.login_id ?></p>
    <?cs call:field_error("login_id") ?>
  </div>
<?cs call:text_input_field("name", L.Admin.Staff.Name, 50, "") ?><?cs
call:email_field(L.Admin.Staff.Email) ?><?cs
call:set_password_field("password", L.Admin.Staff.Password, L.Admin.Staff.PasswordHint) ?>
  <div class="field">
    <label for="department_id"><?cs var:L.Admin.Staff.Department ?></label>
    <select id="department_id" name="department_id"<?cs call:field_aria("department_id") ?>>
<?cs if:Session.AdminGlobal == "1" ?>
      <option value="0"<?cs if:Form.department_id == "0" ?> selected<?cs /if ?>><?cs var:L.Admin.None ?></option>
<?cs /if ?>
<?cs call:dept_options(Form.department_id, 0) ?>
    </select>
    <?cs call:field_error("department_id") ?>
  </div>
  <button type="submit" class="primary"><?cs var:L.Admin.Button.Create ?></button>
</form>
