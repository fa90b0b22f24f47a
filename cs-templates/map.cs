<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# map.cs: the map box (Map.*, web_map_fill): static/assets/map.js turns it
# into a Leaflet map and shows it; without JavaScript it stays hidden and
# the location's text (the form's fields, the case's facts) is all there
# is. On the filing form (Map.pick) a click sets latitude and longitude. ?><?cs
def:map_box() ?><?cs
  if:Map.On ?>
  <div id="map" class="map" hidden role="region" aria-label="<?cs var:L.Map.Label ?>"
       data-lat="<?cs var:Map.lat ?>" data-lng="<?cs var:Map.lng ?>" data-zoom="<?cs var:Map.zoom ?>"
       data-marker="<?cs var:Map.marker ?>" data-tiles="<?cs var:Map.tiles ?>"
       data-attribution="<?cs var:Map.attribution ?>"<?cs if:Map.pick ?> data-pick="1"<?cs /if ?>></div><?cs
    if:Map.pick ?>
  <p class="hint map-hint" id="map-hint" hidden><?cs var:L.Map.PickHint ?></p><?cs
    /if ?><?cs
    if:!Map.tiles ?>
  <p class="hint map-hint" id="map-no-tiles" hidden><?cs var:L.Map.NoTiles ?></p><?cs
    /if ?><?cs
  /if ?><?cs
/def ?>
