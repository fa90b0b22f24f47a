<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# map.cs: the map box (Map.*, web_map_fill): static/assets/map.js turns it
# into a Leaflet map and shows it; without JavaScript it stays hidden and
# the location's text (the form's fields, the case's facts) is all there
# is. On the filing form (Map.pick) a click sets latitude and longitude.
# Also the writing forms' shared fields (category, title, location, files). ?><?cs
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
/def ?><?cs

# The location fieldset (address, latitude, longitude, the map to pick
# them) and the attachments field of a writing form: the complaint's
# (portal/file.cs) and the proposal's (proposals/form.cs); the
# attachments only when files is 1. ?><?cs
def:location_and_files(files) ?>
  <fieldset>
    <legend><?cs var:L.Field.location ?></legend>
    <p class="hint"><?cs var:L.Hint.location ?></p>
    <div class="field">
      <label for="address"><?cs var:L.Field.address ?></label>
      <input type="text" id="address" name="address" maxlength="200" value="<?cs var:Form.address ?>"<?cs call:field_aria("address") ?>>
      <?cs call:field_error("address") ?>
    </div>
    <div class="row">
      <div class="field">
        <label for="latitude"><?cs var:L.Field.latitude ?></label>
        <input type="text" id="latitude" name="latitude" inputmode="decimal" maxlength="12" value="<?cs var:Form.latitude ?>"<?cs call:field_aria("latitude") ?>>
        <?cs call:field_error("latitude") ?>
      </div>
      <div class="field">
        <label for="longitude"><?cs var:L.Field.longitude ?></label>
        <input type="text" id="longitude" name="longitude" inputmode="decimal" maxlength="12" value="<?cs var:Form.longitude ?>"<?cs call:field_aria("longitude") ?>>
        <?cs call:field_error("longitude") ?>
      </div>
    </div>
<?cs call:map_box() ?>
  </fieldset><?cs
  if:files ?>
  <div class="field">
    <label for="attachments"><?cs var:L.Field.attachments ?></label>
    <input type="file" id="attachments" name="attachments" multiple accept="image/jpeg,image/png,image/gif,image/webp,application/pdf,text/plain"<?cs call:field_aria("attachments") ?>>
    <p class="hint"><?cs var:L.Hint.attachments ?></p>
    <?cs if:Form.BadFile ?><p class="field-error"><?cs var:Form.BadFile ?></p><?cs /if ?>
    <?cs call:field_error("attachments") ?>
  </div><?cs
  /if ?><?cs
/def ?><?cs

# The category (Categories, Form.category) and the title of a writing
# form: the complaint's and the proposal's. ?><?cs
def:category_and_title() ?>
  <div class="field">
    <label for="category"><?cs var:L.Field.category ?></label>
    <select id="category" name="category" required<?cs call:field_aria("category") ?>>
      <option value=""><?cs var:L.Field.choose ?></option>
<?cs each:g = Categories ?>
      <option value="<?cs var:g.id ?>"<?cs if:g.id == Form.category ?> selected<?cs /if ?>><?cs var:g.name ?></option>
<?cs /each ?>
    </select>
    <?cs call:field_error("category") ?>
  </div>
  <div class="field">
    <label for="title"><?cs var:L.Field.title ?></label>
    <input type="text" id="title" name="title" maxlength="200" required value="<?cs var:Form.title ?>"<?cs call:field_aria("title") ?>>
    <?cs call:field_error("title") ?>
  </div><?cs
/def ?>
