// SPDX-License-Identifier: AGPL-3.0-or-later
// map.js: the location map (cs-templates/map.cs) with Leaflet, which nginx
// serves from Debian's libjs-leaflet under /assets/leaflet/. The box says
// everything in data- attributes: the centre (data-lat, data-lng),
// data-zoom, data-marker ("1": a location to mark), data-tiles (the tile
// URL template; empty: no background, the marker alone), data-attribution
// and, on the filing form, data-pick: a click puts the place in the
// latitude and longitude fields, and typing in them moves the marker.
// Without JavaScript (or Leaflet) the box stays hidden and the fields and
// the facts are all there is.
(function () {
	'use strict';
	var box = document.getElementById('map');
	if (!box || !window.L)
		return;
	var lat = parseFloat(box.getAttribute('data-lat'));
	var lng = parseFloat(box.getAttribute('data-lng'));
	var zoom = parseInt(box.getAttribute('data-zoom'), 10);
	if (!isFinite(lat) || !isFinite(lng))
		return;
	if (!(zoom >= 1 && zoom <= 19))
		zoom = 15;
	var pick = box.getAttribute('data-pick') === '1';
	var latField = document.getElementById('latitude');
	var lngField = document.getElementById('longitude');

	function reveal(id) {
		var el = document.getElementById(id);
		if (el)
			el.hidden = false;
	}

	// A degree from a field: a number within ±limit, or NaN.
	function degree(field, limit) {
		var v = field ? parseFloat(field.value) : NaN;
		return isFinite(v) && Math.abs(v) <= limit ? v : NaN;
	}

	box.hidden = false;
	var map = L.map(box, { center: [lat, lng], zoom: zoom });
	var tiles = box.getAttribute('data-tiles');
	if (tiles) {
		L.tileLayer(tiles, {
			maxZoom: 19,
			attribution: box.getAttribute('data-attribution') || ''
		}).addTo(map);
	} else {
		reveal('map-no-tiles');
	}
	var marker = null;
	function place(at) {
		if (marker)
			marker.setLatLng(at);
		else
			marker = L.marker(at, { keyboard: false }).addTo(map);
	}

	if (!pick) {
		if (box.getAttribute('data-marker') === '1')
			place([lat, lng]);
		return;
	}
	reveal('map-hint');
	// The form may come back with a location typed before.
	var typedLat = degree(latField, 90), typedLng = degree(lngField, 180);
	if (isFinite(typedLat) && isFinite(typedLng)) {
		place([typedLat, typedLng]);
		map.setView([typedLat, typedLng], zoom);
	}
	map.on('click', function (e) {
		var at = e.latlng.wrap();
		// Six decimals: what the case keeps (DECIMAL(9,6)).
		if (latField)
			latField.value = at.lat.toFixed(6);
		if (lngField)
			lngField.value = at.lng.toFixed(6);
		place(at);
	});
	function typed() {
		var a = degree(latField, 90), b = degree(lngField, 180);
		if (isFinite(a) && isFinite(b)) {
			place([a, b]);
			map.panTo([a, b]);
		}
	}
	if (latField)
		latField.addEventListener('change', typed);
	if (lngField)
		lngField.addEventListener('change', typed);
})();
