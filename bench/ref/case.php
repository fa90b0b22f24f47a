<?php
// SPDX-License-Identifier: AGPL-3.0-or-later
// case.php: the reference for bench/run: GET /cases/TRACKING as madang-web
// serves it to an anonymous visitor (app/web/page_portal.c page_case,
// cs-templates/layout.cs + portal/case.cs), written the way a careful PHP
// programmer would: mysqli prepared statements over the DB's unix socket,
// the three queries madang-web makes for the page (lib/cases/case.c
// case_get and case_attachments, lib/cases/dossier.c dossier_timeline with
// the timeline.show setting), htmlspecialchars on every value, the filer's
// name masked like text_mask_name, the location rounded and the address cut
// to its street as the public reads them (map.* at their defaults), the
// map box, the deadline, the same headers and the same anonymous cookie
// with its CSRF token. When the page changes (app/web/page_portal.c
// page_case, cs-templates/portal/case.cs, layout.cs) this file must follow:
// bench/run compares the two pages and warns when they differ.
//
// Settings come from the php-fpm pool's environment (bench/run writes it):
//   MADANG_DB_SOCKET, MADANG_DB_USER, MADANG_DB_PASSWORD, MADANG_DB_NAME
//   MADANG_SECRET     the hex key of web.secret_file (CSRF tokens)
//   MADANG_LANG_PHP   lang/ko.hdf and lang/ko.d/*.hdf turned into PHP by hdf2php.awk
declare(strict_types=1);

mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);

const ANON_COOKIE = 'mdg_anon';

function h(?string $s): string
{
    return htmlspecialchars($s ?? '', ENT_QUOTES | ENT_SUBSTITUTE | ENT_HTML5, 'UTF-8');
}

function b64url(string $raw): string
{
    return rtrim(strtr(base64_encode($raw), '+/', '-_'), '=');
}

// 홍길동 → 홍*동, 김철 → 김*, 이 → *: lib/core/text.c text_mask_name.
function mask_name(string $name): string
{
    $chars = preg_split('//u', $name, -1, PREG_SPLIT_NO_EMPTY);
    if ($chars === false) {
        $chars = str_split($name);
    }
    $n = count($chars);
    if ($n === 0) {
        return '';
    }
    if ($n === 1) {
        return '*';
    }
    if ($n === 2) {
        return $chars[0] . '*';
    }
    return $chars[0] . str_repeat('*', $n - 2) . $chars[$n - 1];
}

// All rows of a prepared statement as lists of strings (NULL kept).
function rows(mysqli $db, string $sql, string $types, ...$params): array
{
    $st = $db->prepare($sql);
    $st->bind_param($types, ...$params);
    $st->execute();
    $rows = $st->get_result()->fetch_all(MYSQLI_NUM);
    $st->close();
    return $rows;
}

// A location's degrees as the public reads them (lib/geo/geo.c geo_round):
// map.public_decimals, 3 by default (bench/run's stack sets no map.*).
const PUBLIC_DECIMALS = 3;

function round_degrees(?string $degrees): string
{
    if ($degrees === null || $degrees === '' || !is_numeric($degrees)) {
        return '';
    }
    $out = sprintf('%.' . PUBLIC_DECIMALS . 'f', (float)$degrees);
    return preg_match('/^-[0.]*$/', $out) ? substr($out, 1) : $out;
}

// The street part of an address (lib/geo/geo.c geo_mask_address with
// map.public_address = street): at most four words, each up to its first
// digit, ',' or '(', which ends the address; " …" when anything went.
function mask_address(?string $address): string
{
    $kept = [];
    $dropped = false;
    foreach (preg_split('/[ \t\r\n]+/', $address ?? '', -1, PREG_SPLIT_NO_EMPTY) as $word) {
        if (count($kept) === 4) {
            $dropped = true;
            break;
        }
        $keep = strcspn($word, '0123456789,(');
        if ($keep > 0) {
            $kept[] = substr($word, 0, $keep);
        }
        if ($keep < strlen($word)) {
            $dropped = true;
            break;
        }
    }
    if (!$kept) {
        return '';
    }
    return implode(' ', $kept) . ($dropped ? ' …' : '');
}

function not_found(): void
{
    http_response_code(404);
    header('Content-Type: text/plain; charset=utf-8');
    echo "not found\n";
}

$L = require getenv('MADANG_LANG_PHP');
$t = fn (string $key): string => h($L[$key] ?? $key);
$lang = 'ko';

if (!preg_match('#^/cases/([0-9]{4}-[0-9]{6})$#', parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '', $m)) {
    not_found();
    return;
}
$tracking = $m[1];

// A new connection per request: over a unix socket this was faster here
// than a persistent one ('p:localhost'), which mysqli resets with
// COM_CHANGE_USER each time it is reused.
$db = new mysqli('localhost', getenv('MADANG_DB_USER'), getenv('MADANG_DB_PASSWORD'),
                 getenv('MADANG_DB_NAME'), 0, getenv('MADANG_DB_SOCKET'));
$db->set_charset('utf8mb4');

$r = rows($db, "SELECT c.id, c.tracking_no, c.title, c.body, c.is_public, c.status,"
    . " DATE_FORMAT(c.created_at, '%Y-%m-%d %H:%i'), DATE_FORMAT(c.updated_at, '%Y-%m-%d %H:%i'),"
    . " IF(? = 'en', g.name_en, g.name_ko), IF(? = 'en', dp.name_en, dp.name_ko),"
    . " a.name, c.latitude, c.longitude, c.address, c.account_id, c.channel, c.moderation,"
    . " DATE_FORMAT(c.due_at, '%Y-%m-%d %H:%i'), IFNULL(c.due_at < NOW(), 0), c.extensions"
    . " FROM cases c JOIN categories g ON g.id = c.category_id"
    . " JOIN accounts a ON a.id = c.account_id"
    . " LEFT JOIN departments dp ON dp.id = c.department_id"
    . " WHERE c.tracking_no = ?", 'sss', $lang, $lang, $tracking);
// Anonymous visitors see public cases only, as everyone else's.
if (!$r || (int)$r[0][4] !== 1) {
    not_found();
    return;
}
[$id, $tracking, $title, $body, $public, $status, $created, , $category, $department,
 $filer, $lat, $lng, $address, , , $moderation, $due, $overdue, $extensions] = $r[0];
// The deadline while the office works on it (dossier_state).
if (in_array($status, ['answered', 'closed', 'withdrawn', 'rejected'], true)) {
    $due = null;
}
$filer = mask_name((string)$filer);
// As the public reads them: rounded, the street only, and a text out of
// public sight (moderation) not at all.
$lat = round_degrees($lat);
$lng = round_degrees($lng);
$address = mask_address($address);
$visible = $moderation === 'visible';
$map = $lat !== '' && $lng !== '';
$files = rows($db, "SELECT id, original_name, mime_type, size_bytes FROM attachments"
    . " WHERE case_id = ? ORDER BY id", 'i', $id);
// The public timeline with the handler at each stage, and the office's
// timeline.show setting (names or roles) in the same round trip, as
// lib/cases/dossier.c dossier_timeline reads them.
$events = rows($db, "SELECT e.kind, DATE_FORMAT(e.created_at, '%Y-%m-%d %H:%i'),"
    . " IF(? = 'en', dp.name_en, dp.name_ko), e.note,"
    . " IF(ta.kind = 'staff', ta.name, IF(ac.kind = 'staff', ac.name, NULL)),"
    . " IF(? = 'en', td.name_en, td.name_ko),"
    . " (SELECT value FROM settings WHERE name = 'timeline.show')"
    . " FROM case_events e LEFT JOIN departments dp ON dp.id = e.department_id"
    . " LEFT JOIN accounts ac ON ac.id = e.actor_id"
    . " LEFT JOIN accounts ta ON ta.id = e.target_account_id"
    . " LEFT JOIN departments td ON td.id = e.target_department_id"
    . " WHERE e.case_id = ? AND e.is_public = 1 ORDER BY e.id", 'ssi', $lang, $lang, $id);
$show_role = ($events[0][6] ?? 'name') === 'role';

// Before sign-in the CSRF token is bound to a random anonymous cookie.
$anon = $_COOKIE[ANON_COOKIE] ?? '';
if (strlen($anon) !== 43) {
    $anon = b64url(random_bytes(32));
    header('Set-Cookie: ' . ANON_COOKIE . "=$anon; Path=/; HttpOnly; SameSite=Lax");
}
$csrf = b64url(hash_hmac('sha256', "csrf|$anon", hex2bin(getenv('MADANG_SECRET')), true));

header("Content-Security-Policy: default-src 'self'; img-src 'self' data:; style-src 'self'; "
    . "script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
header('X-Content-Type-Options: nosniff');
header('X-Frame-Options: DENY');
header('Referrer-Policy: same-origin');
header('Cache-Control: private, no-store');
header('Vary: Cookie, Accept-Language');
header('Content-Type: text/html; charset=utf-8');
ob_start();
?>
<!DOCTYPE html>
<html lang="<?= h($lang) ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?= $t('Title.Case') ?> · <?= $t('Site.Name') ?></title>
<link rel="stylesheet" href="/assets/site.css">
<link rel="stylesheet" href="/assets/print.css" media="print">
<?php if ($map): ?>
<link rel="stylesheet" href="/assets/leaflet/leaflet.css">
<link rel="stylesheet" href="/assets/map.css">
<script src="/assets/leaflet/leaflet.js" defer></script>
<script src="/assets/map.js" defer></script>
<?php endif ?>
</head>
<body>
<a class="skip" href="#main"><?= $t('Nav.Skip') ?></a>
<header class="site">
  <div class="bar">
    <a class="brand" href="/"><?= $t('Site.Name') ?></a>
    <nav aria-label="<?= $t('Nav.Label') ?>">
      <ul>
        <li><a href="/cases"><?= $t('Nav.Cases') ?></a></li>
        <li><a href="/proposals"><?= $t('Nav.Proposals') ?></a></li>
        <li><a href="/stats"><?= $t('Nav.Stats') ?></a></li>
        <li><a href="/debates"><?= $t('Nav.Debates') ?></a></li>
        <li><a href="/communities"><?= $t('Nav.Communities') ?></a></li>
        <li><a href="/login"><?= $t('Nav.Login') ?></a></li>
        <li><a href="/register"><?= $t('Nav.Register') ?></a></li>
      </ul>
    </nav>
    <form method="post" action="/lang" class="lang">
      <input type="hidden" name="csrf" value="<?= h($csrf) ?>">
      <input type="hidden" name="back" value="<?= h($_SERVER['REQUEST_URI']) ?>">
      <button type="submit" name="lang" value="en" lang="en">English</button>
    </form>
  </div>
</header>
<main id="main">
<article class="case">
  <p class="tracking"><?= $t('Col.Tracking') ?> <strong><?= h($tracking) ?></strong></p>
  <h1><?= $visible && $title !== '' ? h($title) : $t('Moderation.TitleHidden') ?></h1>
  <dl class="facts">
    <dt><?= $t('Col.Status') ?></dt><dd><span class="status status-<?= h($status) ?>"><?= $t("Status.$status") ?></span></dd>
    <dt><?= $t('Col.Category') ?></dt><dd><?= h($category) ?></dd>
<?php if ($department !== null && $department !== ''): ?>
    <dt><?= $t('Col.Department') ?></dt><dd><?= h($department) ?></dd>
<?php endif ?>
    <dt><?= $t('Col.Filed') ?></dt><dd><?= h($created) ?></dd>
<?php if ($due !== null && $due !== ''): ?>
    <dt><?= $t('Case.Due') ?></dt><dd><?= h($due) ?><?php if ((int)$overdue === 1): ?> <span class="tag overdue"><?= $t('Case.Overdue') ?></span><?php endif;
    if ((int)$extensions !== 0): ?> <span class="tag"><?= $t('Case.Extended') ?></span><?php endif ?></dd>
<?php endif ?>
    <dt><?= $t('Col.Filer') ?></dt><dd><?= h($filer) ?></dd>
    <dt><?= $t('Col.Visibility') ?></dt><dd><?= (int)$public === 1 ? $t('Case.Public') : $t('Case.Private') ?></dd>
<?php if ($address !== null && $address !== ''): ?>
    <dt><?= $t('Col.Address') ?></dt><dd><?= h($address) ?></dd>
<?php endif ?>
<?php if ($lat !== ''): ?>
    <dt><?= $t('Col.Location') ?></dt><dd><?= h($lat) ?>, <?= h($lng) ?></dd>
<?php endif ?>
  </dl>
<?php if ($map): ?>
  <div id="map" class="map" hidden role="region" aria-label="<?= $t('Map.Label') ?>"
       data-lat="<?= h($lat) ?>" data-lng="<?= h($lng) ?>" data-zoom="15"
       data-marker="1" data-tiles=""
       data-attribution=""></div>
  <p class="hint map-hint" id="map-no-tiles" hidden><?= $t('Map.NoTiles') ?></p>
<?php endif ?>
  <section class="body">
    <h2><?= $t('Case.Body') ?></h2>
<?php if (!$visible): ?>
    <p class="flash warning moderation-line"><?= $t("Moderation.CaseLine.$moderation") ?></p>
<?php else: ?>
    <div class="text"><?= h($body) ?></div>
    <p class="secondary-action"><a href="/report/case/<?= h($tracking) ?>"><?= $t('Moderation.ReportLink') ?></a></p>
<?php endif ?>
  </section>
<?php if ($files): ?>
  <section>
    <h2><?= $t('Case.Files') ?></h2>
    <ul class="files">
<?php foreach ($files as [$fid, $fname, $ftype, $fsize]): ?>
      <li><a href="/attachments/<?= h((string)$fid) ?>"><?= h($fname) ?></a> <span class="meta">(<?= h($ftype) ?>, <?= h((string)$fsize) ?> B)</span></li>
<?php endforeach ?>
    </ul>
  </section>
<?php endif ?>
  <section>
    <h2><?= $t('Case.History') ?></h2>
    <ol class="timeline">
<?php foreach ($events as [$kind, $at, $edept, $note, $handler, $target]): ?>
      <li>
        <p><strong><?= $t("Event.$kind") ?></strong> <time><?= h($at) ?></time><?php
        if ($edept !== null && $edept !== ''): ?> · <?= h($edept) ?><?php endif;
        if ($target !== null && $target !== ''): ?> → <?= h($target) ?><?php endif;
        if ($handler !== null && $handler !== ''):
            ?> · <?= $show_role ? $t('Timeline.Role') : $t('Timeline.Handler') . ' ' . h($handler) ?><?php
        endif ?></p>
<?php if ($note !== null && $note !== ''): ?>
        <div class="text"><?= h($note) ?></div>
<?php endif ?>
      </li>
<?php endforeach ?>
    </ol>
  </section>
</article>
</main>
<footer class="site">
  <p><?= $t('Site.Footer') ?></p>
  <p><a href="https://www.gnu.org/licenses/agpl-3.0.html"><?= $t('Site.Licence') ?></a></p>
</footer>
</body>
</html>
<?php
header('Content-Length: ' . ob_get_length());
ob_end_flush();
