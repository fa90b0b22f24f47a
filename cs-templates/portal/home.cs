<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# home.cs: the portal's front page. ?><?cs
include:"case_macros.cs" ?><?cs include:"debate_macros.cs" ?>
include:"case_macros.cs" ?><?cs include:"proposals/macros.cs" ?>
<section class="hero">
  <h1><?cs var:L.Home.Heading ?></h1>
  <p><?cs var:L.Home.Lead ?></p>
  <p class="actions">
    <a class="button primary" href="/cases/new"><?cs var:L.Home.File ?></a>
    <a class="button" href="/cases"><?cs var:L.Home.Browse ?></a>
    <a class="button" href="/examples"><?cs var:L.Home.Examples ?></a>
  </p>
</section>
<section>
  <h2><?cs var:L.Home.Recent ?></h2>
<?cs if:subcount(Cases) > 0 ?>
<?cs call:case_table(L.Title.PublicCases, Cases, "public") ?>
  <p><a href="/cases"><?cs var:L.Home.More ?> (<?cs var:Stats.Public ?>)</a></p>
<?cs else ?>
  <p><?cs var:L.List.Empty ?></p>
<?cs /if ?>
</section>
<section aria-labelledby="home-debates">
  <h2 id="home-debates"><?cs var:L.Home.Debates ?></h2>
<?cs if:subcount(HomeDebates) > 0 ?>
<?cs call:debate_table(L.Home.Debates, HomeDebates, "/debates/") ?>
<?cs else ?>
  <p><?cs var:L.Home.DebatesNone ?></p>
<?cs /if ?>
  <p><a href="/debates"><?cs var:L.Home.DebatesMore ?></a></p>
</section>
<?cs if:subcount(HomeCommunities) > 0 ?>
<section aria-labelledby="home-communities">
  <h2 id="home-communities"><?cs var:L.Home.Communities ?></h2>
  <ul><?cs each:c = HomeCommunities ?>
    <li><a href="/c/<?cs var:c.slug ?>"><?cs var:c.name ?></a> <span class="meta">(<?cs var:L.Community.Template[c.template] ?>, <?cs var:L.Community.Members ?> <?cs var:c.members ?>)</span></li><?cs /each ?>
  </ul>
  <p><a href="/communities"><?cs var:L.Home.CommunitiesMore ?></a></p>
</section>
<?cs /if ?>
<section aria-labelledby="home-proposals">
  <h2 id="home-proposals"><?cs var:L.Home.Proposals ?></h2>
<?cs if:subcount(Proposals) > 0 ?>
<?cs call:proposal_table(L.Home.Proposals, Proposals) ?>
  <p><a href="/proposals"><?cs var:L.Home.ProposalsMore ?> (<?cs var:Stats.Proposals ?>)</a> · <a href="/proposals/new"><?cs var:L.Home.ProposalWrite ?></a></p>
<?cs else ?>
  <p><?cs var:L.List.Empty ?> <a href="/proposals/new"><?cs var:L.Home.ProposalWrite ?></a></p>
<?cs /if ?>
</section>
