<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# intranet_department.cs: the wizard's step 1 for staff who supervise or
# manage a department: a staff community may be that department's
# intranet (its staff join it). ?><?cs
if:subcount(Intranet.Departments) > 0 ?>
  <div class="field">
    <label for="department"><?cs var:L.Intranet.DepartmentOf ?></label>
    <select id="department" name="department" aria-describedby="department-hint">
      <option value=""><?cs var:L.Intranet.NoDepartment ?></option><?cs
  each:d = Intranet.Departments ?>
      <option value="<?cs var:d.id ?>"<?cs if:Form.department == d.id ?> selected<?cs /if ?>><?cs var:d.name ?></option><?cs
  /each ?>
    </select>
    <p class="hint" id="department-hint"><?cs var:L.Intranet.DepartmentHint ?></p>
    <?cs call:field_error("department") ?>
  </div><?cs
/if ?>
