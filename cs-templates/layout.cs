<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# layout.cs: the frame of every page: header, navigation, language switch,
# messages, the page itself (Page.Template) and the footer. Every var is
# HTML-escaped (Config.VarEscapeMode = html). ?><?cs
include:"macros.cs" ?><!DOCTYPE html>
<html lang="<?cs var:Lang ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:L.Title[Page.TitleKey] ?> · <?cs var:L.Site.Name ?></title>
<link rel="stylesheet" href="/assets/site.css">
<link rel="stylesheet" href="/assets/print.css" media="print">
<?cs if:Page.DebateCss ?><link rel="stylesheet" href="/assets/debates.css"><?cs /if ?>
<?cs if:Page.CommunityCss ?><link rel="stylesheet" href="/assets/communities.css"><?cs /if ?>
<?cs if:Page.BoardCss ?><link rel="stylesheet" href="/assets/boards.css"><?cs /if ?>
<?cs if:Page.CalendarCss ?><link rel="stylesheet" href="/assets/calendar.css"><?cs /if ?>
<?cs if:Proposal.id || subcount(Proposals) > 0 ?><link rel="stylesheet" href="/assets/proposals.css"><?cs /if ?>
<?cs if:Notify.Alert ?>
<link rel="stylesheet" href="/assets/notify.css">
<script src="/assets/alerts.js" defer></script>
<?cs /if ?>
<?cs if:Page.ChatJs ?><script src="/assets/chat.js" defer></script><?cs /if ?>
<?cs if:Map.On ?>
<link rel="stylesheet" href="/assets/leaflet/leaflet.css">
<link rel="stylesheet" href="/assets/map.css">
<script src="/assets/leaflet/leaflet.js" defer></script>
<script src="/assets/map.js" defer></script>
<?cs /if ?>
</head>
<body>
<a class="skip" href="#main"><?cs var:L.Nav.Skip ?></a>
<header class="site">
  <div class="bar">
    <a class="brand" href="/"><?cs var:L.Site.Name ?></a>
    <nav aria-label="<?cs var:L.Nav.Label ?>">
      <ul>
        <li><a href="/cases"><?cs var:L.Nav.Cases ?></a></li>
        <li><a href="/proposals"><?cs var:L.Nav.Proposals ?></a></li>
        <li><a href="/stats"><?cs var:L.Nav.Stats ?></a></li>
        <li><a href="/debates"><?cs var:L.Nav.Debates ?></a></li>
        <li><a href="/communities"><?cs var:L.Nav.Communities ?></a></li>
<?cs if:Session.Staff == "1" ?><?cs
  # The call centre's console first for those who take calls; agents who
  # handle no cases see no empty case list. ?>
<?cs if:Session.Calls == "1" ?>
        <li><a href="/staff/callcentre"><?cs var:L.Nav.CallCentre ?></a></li>
        <li><a href="/staff/callbacks"><?cs var:L.Nav.Callbacks ?></a></li>
<?cs /if ?>
<?cs if:Session.CallsOnly != "1" ?>
        <li><a href="/staff/cases"><?cs var:L.Nav.Staff ?></a></li>
        <li><a href="/staff/absences"><?cs var:L.Nav.Absences ?></a></li>
<?cs /if ?>
        <li><a href="/staff/debates"><?cs var:L.Nav.StaffDebates ?></a></li>
<?cs if:Notify.Alert ?>
        <li><a href="/account/notices" class="alert-link"><?cs var:L.Notify.Alert ?> <span class="alert-count" id="alert-count"><?cs var:Notify.Unread ?></span><span class="visually-hidden"> <?cs var:L.Notify.AlertCount ?></span></a></li>
<?cs /if ?>
<?cs if:Session.Moderator == "1" ?>
        <li><a href="/staff/moderation"><?cs var:L.Nav.Moderation ?></a></li>
<?cs /if ?>
<?cs if:Session.Reports == "1" ?>
        <li><a href="/staff/reports"><?cs var:L.Nav.Reports ?></a></li>
<?cs /if ?>
<?cs if:Session.AdminGlobal == "1" ?>
        <li><a href="/staff/usage"><?cs var:L.Nav.Usage ?></a></li>
<?cs /if ?>
<?cs if:Session.Penalties == "1" ?>
        <li><a href="/staff/penalties"><?cs var:L.Nav.Penalties ?></a></li>
<?cs /if ?>
<?cs if:Session.Admin == "1" ?>
        <li><a href="/admin"><?cs var:L.Nav.Admin ?></a></li>
<?cs /if ?>
<?cs elif:Session.Name ?>
        <li><a href="/cases/new"><?cs var:L.Nav.File ?></a></li>
        <li><a href="/my/cases"><?cs var:L.Nav.Mine ?></a></li>
        <li><a href="/my"><?cs var:L.Nav.My ?></a></li>
<?cs /if ?>
<?cs if:Session.Name ?>
        <li><a href="/notes"><?cs var:L.Nav.Notes ?><?cs if:Session.NotesUnread ?> <span class="alert-count" id="notes-unread"><?cs var:Session.NotesUnread ?></span><span class="visually-hidden"> <?cs var:L.Notes.UnreadCount ?></span><?cs /if ?></a></li>
        <li><a href="/account"><?cs var:L.Nav.Account ?></a></li>
        <li>
          <form method="post" action="/logout" class="inline">
            <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
            <button type="submit" class="link"><?cs var:L.Nav.Logout ?></button>
          </form>
        </li>
<?cs else ?>
        <li><a href="/login"><?cs var:L.Nav.Login ?></a></li>
        <li><a href="/register"><?cs var:L.Nav.Register ?></a></li>
<?cs /if ?>
      </ul>
    </nav>
<?cs if:Page.Cached ?><?cs
  # A cached page is everyone's (page_cache.c): no CSRF token, so the
  # language switch is a link (GET /lang sets the cookie only). ?>
    <p class="lang"><?cs if:Lang == "en" ?><a href="/lang?lang=ko&amp;back=<?cs var:url_escape(Request.Uri) ?>" lang="ko">한국어</a><?cs else ?><a href="/lang?lang=en&amp;back=<?cs var:url_escape(Request.Uri) ?>" lang="en">English</a><?cs /if ?></p>
<?cs else ?>
    <form method="post" action="/lang" class="lang">
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
      <input type="hidden" name="back" value="<?cs var:Request.Uri ?>">
<?cs if:Lang == "en" ?>
      <button type="submit" name="lang" value="ko" lang="ko">한국어</button>
<?cs else ?>
      <button type="submit" name="lang" value="en" lang="en">English</button>
<?cs /if ?>
    </form>
<?cs /if ?>
  </div>
<?cs if:Notify.Alert ?><?cs
  # The staff's alert: the latest unread notices, rendered here so that it
  # works without JavaScript; /assets/alerts.js polls /staff/alerts.json
  # and updates the count and the list (as text) without a reload. ?>
  <div class="alerts" id="staff-alerts" data-poll="/staff/alerts.json" data-poll-ms="<?cs var:Notify.PollMs ?>" data-announce="<?cs var:L.Notify.Announce ?>">
    <p class="visually-hidden" id="alert-live" aria-live="polite"></p>
    <ul id="alert-list" aria-label="<?cs var:L.Notify.AlertLabel ?>"<?cs if:subcount(Notify.Latest) == 0 ?> hidden<?cs /if ?>>
<?cs each:n = Notify.Latest ?>
      <li><a href="<?cs var:n.url ?>"><?cs var:n.text ?></a> <time datetime="<?cs var:n.iso ?>"><?cs var:n.at ?></time></li>
<?cs /each ?>
    </ul>
  </div>
<?cs /if ?>
</header>
<main id="main">
<?cs if:Flash ?>
<?cs if:FlashKind == "error" ?>
  <p class="flash error" role="alert"><?cs var:L.Msg[Flash] ?></p>
<?cs else ?>
  <p class="flash" role="status"><?cs var:L.Msg[Flash] ?></p>
<?cs /if ?>
<?cs /if ?>
<?cs include:Page.Template ?>
</main>
<footer class="site">
  <p><?cs var:L.Site.Footer ?></p>
  <p><a href="https://www.gnu.org/licenses/agpl-3.0.html"><?cs var:L.Site.Licence ?></a></p>
</footer>
</body>
</html>
