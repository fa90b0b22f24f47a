<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# delete.cs: closing one's account (/account/delete, page_rights.c): what
# goes and what stays, a box to confirm and the password; staff are told
# to ask an administrator (Rights.Staff). ?><?cs
include:"fields.cs" ?>
<h1><?cs var:L.Title.AccountDelete ?></h1>
<?cs if:Rights.Staff ?>
<p class="flash error" role="alert" id="delete-staff"><?cs var:L.Rights.StaffNoDelete ?></p>
<?cs else ?>
<p id="delete-lead"><?cs var:L.Rights.DeleteLead ?></p>
<p id="delete-keeps"><?cs var:L.Rights.DeleteKeeps ?></p>
<form method="post" action="/account/delete" class="stack narrow">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <div class="field check">
    <input type="checkbox" id="confirm" name="confirm" value="1" required<?cs call:field_aria("confirm") ?>>
    <label for="confirm"><?cs var:L.Rights.DeleteConfirm ?></label>
    <?cs call:field_error("confirm") ?>
  </div>
<?cs call:current_password_field("delete-password-hint", L.Rights.DeletePassword) ?>
  <button type="submit" class="danger"><?cs var:L.Rights.DeleteButton ?></button>
</form>
<?cs /if ?>
<p><a href="/account"><?cs var:L.Identity.Back ?></a></p>
