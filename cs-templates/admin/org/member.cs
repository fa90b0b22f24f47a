<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# member.cs: one staff member: departments, roles, activation and a new
# password, each a form of its own posting an action. ?><?cs
include:"fields.cs" ?><?cs
include:"admin/org/fields.cs" ?>
<h1><?cs var:L.Title.AdminMember ?>: <?cs var:Member.name ?></h1>
<?cs include:"admin/org/nav.cs" ?>
<p><a href="/admin/staff"><?cs var:L.Admin.Staff.Back ?></a></p>
<?cs call:form_errors() ?>
<dl class="facts">
  <dt><?cs var:L.Admin.Staff.Login ?></dt><dd><?cs var:Member.login ?></dd>
  <dt><?cs var:L.Admin.Staff.Name ?></dt><dd><?cs var:Member.name ?></dd>
  <dt><?cs var:L.Admin.Staff.Email ?></dt><dd><?cs var:Member.email ?></dd>
  <dt><?cs var:L.Admin.Staff.Status ?></dt><dd><?cs if:Member.active == "1" ?><?cs var:L.Admin.StaffActive ?><?cs else ?><?cs var:L.Admin.StaffInactive ?><?cs /if ?></dd>
</dl>

<h2 id="joined-h"><?cs var:L.Admin.Staff.Memberships ?></h2>
<?cs if:subcount(Joined) == 0 ?>
<p><?cs var:L.Admin.Staff.NoMemberships ?></p>
<?cs else ?>
<ul>
<?cs each:j = Joined ?>
  <li><?cs var:j.name ?>
    <form method="post" action="/admin/staff/<?cs var:Member.id ?>" class="inline">
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
      <input type="hidden" name="action" value="leave">
      <input type="hidden" name="department_id" value="<?cs var:j.id ?>">
      <button type="submit" class="link"><?cs var:L.Admin.Button.Leave ?><span class="visually-hidden">: <?cs var:j.name ?></span></button>
    </form>
  </li>
<?cs /each ?>
</ul>
<?cs /if ?>
<?cs call:member_form("join", "joined-h", 0) ?>
  <div class="field">
    <label for="join_department"><?cs var:L.Admin.Staff.Join ?></label>
    <select id="join_department" name="join_department" required<?cs call:field_aria("join_department") ?>>
<?cs call:dept_options(Form.join_department, 0) ?>
    </select>
    <?cs call:field_error("join_department") ?>
  </div>
  <button type="submit"><?cs var:L.Admin.Button.Add ?></button>
</form>

<h2 id="roles-h"><?cs var:L.Admin.Staff.RoleList ?></h2>
<?cs if:subcount(Roles) == 0 ?>
<p><?cs var:L.Admin.Staff.NoRoles ?></p>
<?cs else ?>
<table class="cases">
  <caption class="visually-hidden"><?cs var:L.Admin.Staff.RoleList ?></caption>
  <thead><tr>
    <th scope="col"><?cs var:L.Admin.Staff.Role ?></th>
    <th scope="col"><?cs var:L.Admin.Staff.Scope ?></th>
    <th scope="col"><span class="visually-hidden"><?cs var:L.Admin.Button.Revoke ?></span></th>
  </tr></thead>
  <tbody>
<?cs each:r = Roles ?>
    <tr>
      <td data-label="<?cs var:L.Admin.Staff.Role ?>"><?cs var:L.Admin.Role[r.role] ?></td>
      <td data-label="<?cs var:L.Admin.Staff.Scope ?>"><?cs if:r.department_id ?><?cs var:r.department ?><?cs if:r.subtree == "1" ?> (<?cs var:L.Admin.Subtree ?>)<?cs /if ?><?cs else ?><?cs var:L.Admin.Global ?><?cs /if ?></td>
      <td data-label="<?cs var:L.Admin.Button.Revoke ?>">
        <form method="post" action="/admin/staff/<?cs var:Member.id ?>" class="inline">
          <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
          <input type="hidden" name="action" value="revoke">
          <input type="hidden" name="role_id" value="<?cs var:r.id ?>">
          <button type="submit" class="link"><?cs var:L.Admin.Button.Revoke ?><span class="visually-hidden">: <?cs var:L.Admin.Role[r.role] ?>, <?cs if:r.department_id ?><?cs var:r.department ?><?cs else ?><?cs var:L.Admin.Global ?><?cs /if ?></span></button>
        </form>
      </td>
    </tr>
<?cs /each ?>
  </tbody>
</table>
<?cs /if ?>
<h3 id="grant-h"><?cs var:L.Admin.Staff.Grant ?></h3>
<?cs call:member_form("grant", "grant-h", 0) ?>
  <div class="row">
    <div class="field">
      <label for="role"><?cs var:L.Admin.Staff.Role ?></label>
      <select id="role" name="role" required<?cs call:field_aria("role") ?>>
<?cs each:k = L.Admin.Role ?>
        <option value="<?cs name:k ?>"<?cs if:name(k) == Form.role ?> selected<?cs /if ?>><?cs var:k ?></option>
<?cs /each ?>
      </select>
      <?cs call:field_error("role") ?>
    </div>
    <div class="field">
      <label for="role_department"><?cs var:L.Admin.Staff.Scope ?></label>
      <select id="role_department" name="role_department"<?cs call:field_aria_hint("role_department", "scope-hint") ?>>
<?cs if:Session.AdminGlobal == "1" ?>
        <option value="0"<?cs if:Form.role_department == "0" ?> selected<?cs /if ?>><?cs var:L.Admin.Global ?></option>
<?cs /if ?>
<?cs call:dept_options(Form.role_department, 0) ?>
      </select>
      <p class="hint" id="scope-hint"><?cs var:L.Admin.Staff.ScopeHint ?></p>
      <?cs call:field_error("role_department") ?>
    </div>
  </div>
  <div class="field check">
    <input type="checkbox" id="with_subtree" name="with_subtree" value="1" aria-describedby="subtree-hint"<?cs if:Form.with_subtree == "1" ?> checked<?cs /if ?>>
    <label for="with_subtree"><?cs var:L.Admin.Subtree ?></label>
    <p class="hint" id="subtree-hint"><?cs var:L.Admin.Staff.SubtreeHint ?></p>
  </div>
  <button type="submit"><?cs var:L.Admin.Button.Grant ?></button>
</form>

<h2 id="account-h"><?cs var:L.Admin.Staff.Account ?></h2>
<?cs if:Member.active == "1" ?>
<p><?cs var:L.Admin.Staff.ActiveText ?></p>
<?cs call:member_form("", "account-h", 0) ?>
  <p class="hint"><?cs var:L.Admin.Staff.DeactivateHint ?></p>
  <button type="submit" name="action" value="deactivate"><?cs var:L.Admin.Button.Deactivate ?></button>
</form>
<?cs else ?>
<p><?cs var:L.Admin.Staff.InactiveText ?></p>
<?cs call:member_form("", "account-h", 0) ?>
  <button type="submit" name="action" value="activate"><?cs var:L.Admin.Button.Activate ?></button>
</form>
<?cs /if ?>

<h2 id="password-h"><?cs var:L.Admin.Staff.ResetPassword ?></h2>
<?cs call:member_form("password", "password-h", 1) ?><?cs
call:set_password_field("new_password", L.Admin.Staff.NewPassword, L.Admin.Staff.ResetHint) ?>
  <button type="submit"><?cs var:L.Admin.Button.Reset ?></button>
</form>

<h2 id="totp-h"><?cs var:L.Admin.Staff.Totp ?></h2>
<p><?cs if:Member.totp ?><?cs var:L.Admin.Staff.TotpOn ?><?cs else ?><?cs var:L.Admin.Staff.TotpOff ?><?cs /if ?></p>
<?cs call:member_form("totp_reset", "totp-h", 0) ?>
  <p class="hint"><?cs var:L.Admin.Staff.TotpResetHint ?></p>
  <button type="submit"><?cs var:L.Admin.Button.TotpReset ?></button>
</form>
