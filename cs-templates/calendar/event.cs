<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# event.cs: one community event: its time (Asia/Seoul), place, recurrence
# and description, the answers' counts and the member's answer form for
# one occurrence (Event.on; a series links its others from the month), the
# .ics file, and editing or cancelling for its author and the managers. ?>
<h1><?cs var:Event.title ?><?cs if:Event.cancelled ?> <span class="tag"><?cs var:L.Calendar.Cancelled ?></span><?cs /if ?></h1>
<p class="meta"><a href="/c/<?cs var:Community.slug ?>/calendar?month=<?cs var:string.slice(Event.on, 0, 7) ?>"><?cs var:L.Calendar.Back ?></a></p>
<dl class="facts">
  <dt><?cs var:L.Calendar.When ?></dt>
  <dd><?cs var:Event.starts_at ?> ~ <?cs var:Event.ends_at ?> <span class="meta">(<?cs var:L.Calendar.Zone ?>)</span></dd><?cs
  if:Event.place ?>
  <dt><?cs var:L.Calendar.Place ?></dt>
  <dd><?cs var:Event.place ?></dd><?cs /if ?><?cs
  if:Event.recurrence != "none" ?>
  <dt><?cs var:L.Calendar.Repeats ?></dt>
  <dd><?cs var:L.Calendar.Recurrence[Event.recurrence] ?><?cs
    if:Event.recur_until ?>, <?cs var:L.Calendar.Until ?> <?cs var:Event.recur_until ?><?cs /if ?><?cs
    if:Event.recur_count ?>, <?cs var:Event.recur_count ?> <?cs var:L.Calendar.Times ?><?cs /if ?></dd><?cs /if ?>
</dl><?cs
if:Event.description ?>
<div class="text"><?cs var:Event.description ?></div><?cs /if ?>

<section aria-labelledby="rsvp-h">
<h2 id="rsvp-h"><?cs var:L.Calendar.Answers ?><?cs if:Event.recurrence != "none" ?> · <time><?cs var:Event.on ?></time><?cs /if ?></h2>
<ul class="rsvp-counts"><?cs each:a = Event.Answers ?>
  <li><?cs var:L.Calendar.Answer[name(a)] ?>: <strong><?cs var:a ?></strong></li><?cs /each ?>
</ul><?cs
if:Community.may_post && !Event.cancelled ?>
<form method="post" action="/c/<?cs var:Community.slug ?>/events/<?cs var:Event.id ?>/rsvp">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <input type="hidden" name="on" value="<?cs var:Event.on ?>">
  <fieldset>
    <legend><?cs var:L.Calendar.YourAnswer ?><?cs if:Event.recurrence != "none" ?> (<?cs var:Event.on ?>)<?cs /if ?></legend><?cs
    each:a = Event.Answers ?>
    <div class="field check"><input type="radio" id="answer-<?cs name:a ?>" name="answer" value="<?cs name:a ?>" required<?cs if:Event.mine == name(a) ?> checked<?cs /if ?>>
      <label for="answer-<?cs name:a ?>"><?cs var:L.Calendar.Answer[name(a)] ?></label></div><?cs /each ?>
  </fieldset>
  <button type="submit"><?cs var:L.Calendar.SendAnswer ?></button>
</form><?cs
elif:!Event.cancelled ?>
<p class="note"><?cs var:L.Calendar.MembersAnswer ?></p><?cs
/if ?>
</section>

<p><a href="/c/<?cs var:Community.slug ?>/events/<?cs var:Event.id ?>.ics"><?cs var:L.Calendar.Download ?></a></p><?cs
if:Event.may_edit ?>
<p><a class="button" href="/c/<?cs var:Community.slug ?>/events/<?cs var:Event.id ?>/edit"><?cs var:L.Calendar.Edit ?></a></p>
<form method="post" action="/c/<?cs var:Community.slug ?>/events/<?cs var:Event.id ?>/cancel">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <button type="submit" class="secondary"><?cs var:L.Calendar.Cancel ?></button>
</form><?cs
/if ?>
