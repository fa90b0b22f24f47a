<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# follow.cs: on a public case's page, "this is my problem too": a citizen
# other than the filer follows the case instead of filing it again, and is
# told when it changes (page_repeat.c, similar/follow.h). ?><?cs
if:Follow.can ?>
  <section aria-labelledby="follow-h" class="follow">
    <h2 id="follow-h"><?cs var:L.Follow.Heading ?></h2>
<?cs if:Follow.msg ?>    <p class="flash" role="status" id="follow-msg"><?cs var:L.Follow.Msg[Follow.msg] ?></p>
<?cs /if ?>
    <p class="hint"><?cs if:Follow.on == "1" ?><?cs var:L.Follow.Following ?><?cs else ?><?cs var:L.Follow.Hint ?><?cs /if ?></p>
    <form method="post" action="/cases/<?cs var:Case.tracking ?>/follow">
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
<?cs if:Follow.on == "1" ?>
      <input type="hidden" name="action" value="unfollow">
      <button type="submit"><?cs var:L.Follow.Stop ?></button>
<?cs else ?>
      <input type="hidden" name="action" value="follow">
      <button type="submit" class="primary"><?cs var:L.Follow.Me ?></button>
<?cs /if ?>
    </form>
  </section>
<?cs /if ?>
