<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# month.cs: a community's calendar for one month: a table from Sunday to
# Saturday with every occurrence (series expanded), or the same month as
# a list (?view=list); the way to add an event, the feed addresses and the
# managers' choice to let members add events. No script: links and forms. ?><?cs
include:"fields.cs" ?><?cs
def:occurrence(o) ?><a href="/c/<?cs var:Community.slug ?>/events/<?cs var:o.id ?>?on=<?cs var:o.date ?>"<?cs if:o.cancelled ?> class="cancelled"<?cs /if ?>><?cs
  if:o.time ?><span class="time"><?cs var:o.time ?></span> <?cs /if ?><?cs var:o.title ?></a><?cs
  if:o.cancelled ?> <span class="tag"><?cs var:L.Calendar.Cancelled ?></span><?cs /if ?><?cs
  if:o.recurrence != "none" ?> <span class="tag repeat"><?cs var:L.Calendar.Recurrence[o.recurrence] ?></span><?cs /if ?><?cs
/def ?>
<h1><?cs var:L.Calendar.Heading ?></h1>
<p class="meta"><a href="/c/<?cs var:Community.slug ?>"><?cs var:L.Calendar.Community ?></a></p>

<nav class="calendar-nav" aria-label="<?cs var:L.Calendar.MonthNav ?>">
  <a href="/c/<?cs var:Community.slug ?>/calendar?month=<?cs var:Calendar.prev ?><?cs if:Calendar.list ?>&amp;view=list<?cs /if ?>" rel="prev"><?cs var:L.Calendar.Prev ?></a>
  <strong><?cs var:Calendar.month ?></strong>
  <a href="/c/<?cs var:Community.slug ?>/calendar?month=<?cs var:Calendar.next ?><?cs if:Calendar.list ?>&amp;view=list<?cs /if ?>" rel="next"><?cs var:L.Calendar.Next ?></a>
  · <?cs if:Calendar.list ?><a href="/c/<?cs var:Community.slug ?>/calendar?month=<?cs var:Calendar.month ?>"><?cs var:L.Calendar.MonthView ?></a><?cs
  else ?><a href="/c/<?cs var:Community.slug ?>/calendar?month=<?cs var:Calendar.month ?>&amp;view=list"><?cs var:L.Calendar.ListView ?></a><?cs /if ?>
</nav>
<?cs if:Community.may_add ?><p><a class="button" href="/c/<?cs var:Community.slug ?>/events/new"><?cs var:L.Calendar.Add ?></a></p><?cs /if ?>

<?cs if:Calendar.list ?>
<section aria-labelledby="list-h">
<h2 id="list-h"><?cs var:L.Calendar.ListOf ?> <?cs var:Calendar.month ?></h2><?cs
  if:subcount(Calendar.List) == 0 ?>
<p><?cs var:L.Calendar.None ?></p><?cs
  else ?>
<ul class="event-list"><?cs each:o = Calendar.List ?>
  <li><span class="date"><?cs var:o.date ?> (<?cs var:L.Calendar.Weekday[o.weekday] ?>)</span> <?cs call:occurrence(o) ?><?cs if:o.place ?> · <?cs var:o.place ?><?cs /if ?></li><?cs /each ?>
</ul><?cs
  /if ?>
</section>
<?cs else ?>
<table class="calendar-month">
  <caption><?cs var:L.Calendar.MonthOf ?> <?cs var:Calendar.month ?> (<?cs var:Calendar.count ?> <?cs var:L.Calendar.Events ?>)</caption>
  <thead><tr><?cs loop:i = 0, 6, 1 ?><th scope="col" abbr="<?cs var:L.Calendar.WeekdayLong[i] ?>"><?cs var:L.Calendar.Weekday[i] ?></th><?cs /loop ?></tr></thead>
  <tbody><?cs each:week = Calendar.Weeks ?>
  <tr><?cs each:d = week.Days ?>
    <td class="<?cs if:d.out ?>out<?cs /if ?><?cs if:d.today ?> today<?cs /if ?>"<?cs if:d.today ?> aria-current="date"<?cs /if ?>><span class="day"><?cs var:d.day ?></span><?cs
      if:subcount(d.Events) > 0 ?><ul><?cs each:o = d.Events ?><li><?cs call:occurrence(o) ?></li><?cs /each ?></ul><?cs /if ?></td><?cs /each ?>
  </tr><?cs /each ?>
  </tbody>
</table>
<?cs /if ?>

<section aria-labelledby="feed-h">
<h2 id="feed-h"><?cs var:L.Calendar.Feed ?></h2><?cs
if:Community.public ?>
<p><?cs var:L.Calendar.FeedPublic ?> <a href="/c/<?cs var:Community.slug ?>/calendar.ics"><?cs var:Site.base_url ?>/c/<?cs var:Community.slug ?>/calendar.ics</a></p><?cs
elif:Feed.token ?>
<p><?cs var:L.Calendar.FeedSecret ?></p>
<p><code class="feed-url"><?cs var:Site.base_url ?>/c/<?cs var:Community.slug ?>/calendar.ics?k=<?cs var:Feed.token ?></code></p><?cs
elif:Community.may_post ?>
<p><?cs var:L.Calendar.FeedPrivate ?></p><?cs
/if ?><?cs
if:!Community.public && Community.may_post ?>
<form method="post" action="/c/<?cs var:Community.slug ?>/calendar/feed" class="inline">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <button type="submit"><?cs if:Feed.has ?><?cs var:L.Calendar.FeedRenew ?><?cs else ?><?cs var:L.Calendar.FeedMake ?><?cs /if ?></button>
</form><?cs
  if:Feed.has || Feed.token ?>
<form method="post" action="/c/<?cs var:Community.slug ?>/calendar/feed" class="inline">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <input type="hidden" name="revoke" value="1">
  <button type="submit" class="secondary"><?cs var:L.Calendar.FeedRevoke ?></button>
</form><?cs
  /if ?><?cs
/if ?>
</section>
<?cs if:Community.may_manage ?>
<section aria-labelledby="settings-h">
<h2 id="settings-h"><?cs var:L.Calendar.Settings ?></h2>
<form method="post" action="/c/<?cs var:Community.slug ?>/calendar/settings">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <div class="field check">
    <input type="checkbox" id="events_by_members" name="events_by_members" value="1"<?cs if:Community.events_by_members ?> checked<?cs /if ?>>
    <label for="events_by_members"><?cs var:L.Calendar.EventsByMembers ?></label>
  </div>
  <button type="submit"><?cs var:L.Calendar.Save ?></button>
</form>
</section>
<?cs /if ?>
