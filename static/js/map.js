/* Interactive maps of points (templates/includes/map.html explains the parameters).
   Leaflet comes from the site's static files; without it, or without JavaScript, the include's fallback text
   and the page's list stay.

   Two sources of points: a GeoJSON FeatureCollection whose properties fill the popups (the events), or the
   compact feed of the map of actors (`data-feed-url`: ids, positions and sector indexes, a few bytes a point)
   whose details come by id (`data-details-url`) for the single markers in view and the popup that opens.

   The points are grouped here (`clusterIndex` below), for the current zoom only and when the zoom changes:
   20,000 points take a few milliseconds, and only the groups and points in view are drawn. */
(function () {
  "use strict";

  var DEFAULT_CENTER = [44.55, -0.25]; // Sud-Gironde, when there is nothing to fit
  var DEFAULT_ZOOM = 9;
  var MAX_FIT_ZOOM = 15;
  var MAX_ZOOM = 18;
  // Points closer than this (in pixels at the current zoom) share a group. Groups are 44 px rounds, so two of
  // them never overlap and each can be hit with a finger (WCAG 2.5.8), and a whole territory shows several.
  var CLUSTER_RADIUS = 80;
  var DETAILS_BATCH = 100; // ids per request for details (the server's limit)

  // ---- Grouping points (our own: a greedy pass over a grid of cells as wide as the radius) ----

  // Web Mercator, in units of the world's width: x and y in [0, 1].
  function projectX(lon) { return lon / 360 + 0.5; }
  function projectY(lat) {
    var sin = Math.sin((lat * Math.PI) / 180);
    var y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
    return y < 0 ? 0 : y > 1 ? 1 : y;
  }

  /* An index of `count` points (`lat(i)`, `lon(i)`): `.at(zoom)` gives the groups at that zoom, computed once,
     as a list of {lat, lon, members (array of point numbers)}; a group of one member is a single point.
     Any two groups stand more than `radius` pixels apart at their zoom. */
  function clusterIndex(lats, lons, radius) {
    var count = lats.length;
    var xs = new Float64Array(count);
    var ys = new Float64Array(count);
    for (var i = 0; i < count; i++) {
      xs[i] = projectX(lons[i]);
      ys[i] = projectY(lats[i]);
    }
    var byZoom = {};

    function group(zoom) {
      var size = 256 * Math.pow(2, zoom); // the world's width in pixels
      var cell = radius / size;
      var limit = cell * cell;
      var cells = new Map();
      var keys = new Float64Array(count);
      var i, key, list;
      for (i = 0; i < count; i++) {
        var cx = Math.floor(xs[i] / cell);
        var cy = Math.floor(ys[i] / cell);
        key = cx * 16777216 + cy; // 2^24 cells a side: enough up to zoom 18 at 80 px
        keys[i] = key;
        list = cells.get(key);
        if (list) list.push(i);
        else cells.set(key, [i]);
      }
      var taken = new Uint8Array(count);
      var groups = [];
      for (i = 0; i < count; i++) {
        if (taken[i]) continue;
        taken[i] = 1;
        var members = [i];
        var x = xs[i];
        var y = ys[i];
        var cx0 = Math.floor(x / cell);
        var cy0 = Math.floor(y / cell);
        for (var dx = -1; dx <= 1; dx++) {
          for (var dy = -1; dy <= 1; dy++) {
            list = cells.get((cx0 + dx) * 16777216 + cy0 + dy);
            if (!list) continue;
            var kept = 0;
            for (var k = 0; k < list.length; k++) {
              var j = list[k];
              if (taken[j]) continue;
              var ex = xs[j] - x;
              var ey = ys[j] - y;
              if (ex * ex + ey * ey <= limit) {
                taken[j] = 1;
                members.push(j);
              } else {
                list[kept++] = j; // the cell keeps only the points still free: later passes skip the others
              }
            }
            list.length = kept;
          }
        }
        // Drawn at its first point, not at its centre: two groups' first points lie more than the radius apart
        // (the second was out of the first's reach), so their markers never overlap.
        groups.push({ lat: lats[i], lon: lons[i], members: members });
      }
      return groups;
    }

    return {
      count: count,
      at: function (zoom) {
        zoom = Math.max(0, Math.min(MAX_ZOOM, Math.round(zoom)));
        if (!byZoom[zoom]) byZoom[zoom] = group(zoom);
        return byZoom[zoom];
      },
    };
  }
  window.siteMapClusterIndex = clusterIndex; // for the performance measure (docs/performance.md)

  // ---- Drawing ----

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function escapeHtml(text) {
    var node = document.createElement("span");
    node.textContent = text;
    return node.innerHTML;
  }

  function parseFields(spec) {
    return (spec || "").split(";").filter(Boolean).map(function (item) {
      var parts = item.split("|");
      return { property: parts[0], label: parts[1] || parts[0] };
    });
  }

  function popupContent(properties, options) {
    var box = element("div", "map-popup");
    box.appendChild(element("p", "map-popup__title", properties.name || ""));
    var list = element("dl", "map-popup__facts");
    options.fields.forEach(function (field) {
      var value = properties[field.property];
      if (value === true) {
        list.appendChild(element("dd", "map-popup__note", field.label));
        return;
      }
      if (Array.isArray(value)) value = value.join(", ");
      if (!value) return;
      list.appendChild(element("dt", null, field.label));
      list.appendChild(element("dd", null, value));
    });
    if (list.childNodes.length) box.appendChild(list);
    if (properties.url) {
      var link = element("a", "map-popup__link", options.linkLabel);
      link.href = properties.url;
      link.appendChild(element("span", "visually-hidden", " : " + (properties.name || "")));
      if (options.newWindow) {
        link.target = "_blank";
        link.rel = "noopener";
        link.appendChild(element("span", "visually-hidden", " (nouvelle fenêtre)"));
      }
      box.appendChild(link);
    }
    return box;
  }

  function clusterIcon(count, itemsLabel) {
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    var wide = count >= 1000; // four digits or more: a wider round and smaller figures, so the count stays inside
    return L.divIcon({
      html:
        '<span aria-hidden="true">' + count + "</span>" +
        '<span class="visually-hidden">' + count + " " + escapeHtml(itemsLabel) +
        " regroupés ici : activer pour zoomer</span>",
      className: "map-cluster map-cluster--" + size + (wide ? " map-cluster--wide" : ""),
      iconSize: wide ? L.point(58, 58) : L.point(44, 44),
    });
  }

  // What a screen reader says of a point whose name has not come yet: a button always has a name.
  var UNNAMED_POINT = "Un point de la carte : activer pour voir ses détails";

  function pointIcon(colour, name) {
    if (!colour) return new L.Icon.Default();
    return L.divIcon({
      className: "map-marker map-colour--" + colour,
      html: '<span class="visually-hidden">' + escapeHtml(name || UNNAMED_POINT) + "</span>",
      iconSize: L.point(26, 26),
      popupAnchor: L.point(0, -10),
    });
  }

  function fitAllControl(map, fit) {
    var FitAll = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () {
        var button = element("button", "map-fit-all", "Tout voir");
        button.type = "button";
        button.title = "Recentrer la carte sur tous les points";
        L.DomEvent.disableClickPropagation(button);
        L.DomEvent.on(button, "click", fit);
        return button;
      },
    });
    return new FitAll().addTo(map);
  }

  // The colour of each key (a sector's name…) from the legend under the map, when the page gives one.
  function legendColours(container) {
    var colours = null;
    container.querySelectorAll("[data-map-legend] [data-category]").forEach(function (entry) {
      colours = colours || {};
      colours[entry.dataset.category] = entry.dataset.colour;
    });
    return colours;
  }

  function colourOf(colours, key) {
    return colours ? colours[key || ""] || colours[""] || "none" : null;
  }

  // ---- The two sources, as parallel arrays: ids, positions, colours, and the details known so far ----

  function fromGeojson(collection, colours, legendProperty) {
    var points = { ids: [], lats: [], lons: [], colours: [], details: {} };
    (collection.features || []).forEach(function (feature, i) {
      var coordinates = feature.geometry && feature.geometry.coordinates;
      if (!coordinates) return;
      var key = colours ? feature.properties[legendProperty] : null;
      if (Array.isArray(key)) key = key[0];
      points.ids.push(i);
      points.lons.push(coordinates[0]);
      points.lats.push(coordinates[1]);
      points.colours.push(colourOf(colours, key));
      points.details[i] = feature.properties || {};
    });
    return points;
  }

  // The feed (actors/map_feed.py): four integers a point, positions in 1/scale of a degree.
  function fromFeed(feed, colours) {
    var flat = feed.points || [];
    var scale = feed.scale || 1;
    var count = Math.floor(flat.length / 4);
    var points = { ids: new Array(count), lats: new Float64Array(count), lons: new Float64Array(count), colours: new Array(count), details: {} };
    var sectorColours = (feed.sectors || []).map(function (name) { return colourOf(colours, name); });
    var none = colourOf(colours, "") || "none";
    for (var i = 0, at = 0; i < count; i++, at += 4) {
      points.ids[i] = flat[at];
      points.lats[i] = flat[at + 1] / scale;
      points.lons[i] = flat[at + 2] / scale;
      points.colours[i] = flat[at + 3] >= 0 ? sectorColours[flat[at + 3]] || none : none;
    }
    return points;
  }

  // The work of drawing is cut into tasks of a few milliseconds, so that a phone's main thread never stays busy
  // for long (a tap waits for the task under way: Lighthouse's « total blocking time »).
  function nextTask() {
    return new Promise(function (resolve) { setTimeout(resolve, 0); });
  }

  // After the browser has drawn the page once: the map's first measure of its box (Leaflet reads sizes) then
  // lays out the map alone, not the whole document the parser has just finished.
  function afterFirstRendering() {
    return new Promise(function (resolve) {
      if (!window.requestAnimationFrame || document.hidden) return resolve();
      requestAnimationFrame(function () { setTimeout(resolve, 0); });
    });
  }

  // The points, asked for at once (the network works while the page is drawn), parsed when they arrive.
  function requestPoints(data) {
    var source = data.feedUrl || data.geojsonUrl;
    return fetch(source, { headers: { Accept: data.feedUrl ? "application/json" : "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      });
  }

  function start(container) {
    if (typeof L === "undefined") {
      return; // the static files did not load: the fallback text stays
    }
    var received = requestPoints(container.dataset);
    received.catch(function () {}); // reported by init, once the map is there
    afterFirstRendering().then(function () { init(container, received); });
  }

  function init(container, received) {
    var canvas = container.querySelector("[data-map-canvas]");
    var status = container.querySelector("[data-map-status]");
    var data = container.dataset;
    var itemsLabel = data.itemsLabel;
    var say = function (text) { status.textContent = text; };
    canvas.textContent = "";
    container.classList.add("map--ready");

    // No view until the points are there: the first view is theirs, set once, without loading the tiles of
    // another view first nor animating the change.
    var map = L.map(canvas, {
      zoomControl: false,
      scrollWheelZoom: false,
      keyboard: true,
      maxZoom: MAX_ZOOM,
      zoomSnap: 0.25, // « Tout voir » fits the points closely; the buttons still zoom by one
    });
    map.attributionControl.setPrefix('<a href="https://leafletjs.com/">Leaflet</a>');
    L.control.zoom({ zoomInTitle: "Zoomer", zoomOutTitle: "Dézoomer" }).addTo(map);

    // A popup opened from a focused marker takes the focus (once its details are there), and gives it back
    // when it closes.
    var opener = null;
    var focusPopupLink = function (popup) {
      var link = popup.getElement() && popup.getElement().querySelector(".map-popup__link");
      if (link && opener) link.focus({ preventScroll: true });
    };
    map.on("popupopen", function (event) {
      var popup = event.popup.getElement();
      var close = popup.querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", "Fermer la bulle");
        close.title = "Fermer la bulle";
      }
      var active = document.activeElement;
      opener = active && active.classList.contains("leaflet-marker-icon") ? active : null;
      focusPopupLink(event.popup);
    });
    map.on("popupclose", function () {
      if (opener && document.body.contains(opener)) opener.focus({ preventScroll: true });
      opener = null;
    });
    // Escape closes a popup from inside it too: Leaflet listens for it only while the map itself has the focus.
    canvas.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && event.target.closest(".leaflet-popup")) map.closePopup();
    });

    var attribution = escapeHtml(data.tileAttribution || "");
    if (data.tileAttributionUrl) {
      attribution = '<a href="' + escapeHtml(data.tileAttributionUrl) + '">' + attribution + "</a>";
    }
    var tilesFailed = false;
    L.tileLayer(data.tileUrl, { attribution: attribution, maxZoom: MAX_ZOOM })
      .on("tileerror", function () {
        if (tilesFailed) return;
        tilesFailed = true;
        container.classList.add("map--no-tiles");
        container.querySelector(".map__tiles-note") ||
          container.appendChild(
            element("p", "map__tiles-note", "Le fond de carte ne s'affiche pas pour le moment : les points restent placés, et la liste donne les mêmes informations.")
          );
      })
      .addTo(map);

    var options = {
      fields: parseFields(data.popupFields),
      linkLabel: data.linkLabel,
      newWindow: "newWindow" in data,
    };
    var layer = L.layerGroup().addTo(map);
    var points = null;
    var index = null;
    var allPoints = null;
    var drawn = new Map(); // key of a group or point -> its marker
    var drawnZoom = null;
    var spread = null; // the group of one place whose points are shown around it
    var focusNear = null; // after Enter on a group: the place whose nearest marker takes the focus

    // Details by id: those the GeoJSON gave, or fetched from the server a batch at a time and kept.
    var pending = {};
    var loadDetails = function (ids) {
      var wanted = ids.filter(function (id) { return !(id in points.details) && !pending[id]; });
      if (!data.detailsUrl || !wanted.length) {
        return Promise.all(ids.map(function (id) { return pending[id]; }));
      }
      var requests = [];
      for (var start = 0; start < wanted.length; start += DETAILS_BATCH) {
        var batch = wanted.slice(start, start + DETAILS_BATCH);
        var request = fetch(data.detailsUrl + "?ids=" + batch.join(","), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : {}; })
          .catch(function () { return {}; })
          .then(
            function (batch) {
              return function (found) {
                batch.forEach(function (id) {
                  points.details[id] = found[id] || null;
                  delete pending[id];
                });
              };
            }(batch)
          );
        batch.forEach(function (id) { pending[id] = request; });
        requests.push(request);
      }
      return Promise.all(requests.concat(ids.map(function (id) { return pending[id]; })));
    };

    var popupWidth = Math.max(160, Math.min(300, canvas.clientWidth - 100)); // whole on a phone's narrow map
    // A popup opens below the controls of the top corners (Leaflet pans the map to keep it there), so that
    // « Tout voir » or the zoom buttons never cover it.
    var popupPadding = L.point(12, 12);
    var updatePopupPadding = function () {
      var top = canvas.getBoundingClientRect().top;
      var lowest = 0;
      canvas.querySelectorAll(".leaflet-top .leaflet-control").forEach(function (control) {
        lowest = Math.max(lowest, control.getBoundingClientRect().bottom - top);
      });
      popupPadding.y = Math.round(lowest) + 12;
    };

    var nameMarker = function (marker, details) {
      var name = (details && details.name) || "";
      var icon = marker.getElement();
      if (!name || !icon) return;
      icon.title = name;
      if (icon.tagName === "IMG") icon.alt = name;
      var hidden = icon.querySelector(".visually-hidden");
      if (hidden) hidden.textContent = name;
    };

    // A popup's content, built when it opens: from the details known, or « Chargement… » until they come.
    var popupBody = function (marker, id) {
      updatePopupPadding(); // measured as it opens (it reads the layout: not during the map's loading)
      var known = points.details[id];
      if (known) return popupContent(known, options);
      loadDetails([id]).then(function () {
        var details = points.details[id];
        var popup = marker.getPopup();
        if (!popup) return;
        popup.setContent(
          details ? popupContent(details, options) : element("p", null, "Les détails de ce point n'ont pas pu être chargés.")
        );
        nameMarker(marker, details);
        if (popup.isOpen()) focusPopupLink(popup);
      });
      return element("p", "map-popup__loading", "Chargement…");
    };

    var pointMarker = function (i, latlng) {
      var id = points.ids[i];
      var details = points.details[id];
      var name = (details && details.name) || "";
      var colour = points.colours[i];
      var marker = L.marker(latlng || [points.lats[i], points.lons[i]], {
        title: name,
        alt: name || UNNAMED_POINT,
        keyboard: true,
        icon: pointIcon(colour, name),
      });
      // Click or Enter opens it (Leaflet's popup handlers).
      marker.bindPopup(function () { return popupBody(marker, id); }, { autoPanPaddingTopLeft: popupPadding, maxWidth: popupWidth });
      return marker;
    };

    var groupMarker = function (group) {
      var marker = L.marker([group.lat, group.lon], { keyboard: true, icon: clusterIcon(group.members.length, itemsLabel) });
      var activate = function () {
        var icon = marker.getElement();
        if (icon && icon === document.activeElement) focusNear = L.latLng(group.lat, group.lon);
        var bounds = L.latLngBounds(group.members.map(function (i) { return [points.lats[i], points.lons[i]]; }));
        var zoom = map.getZoom();
        var target = map.getBoundsZoom(bounds, false, L.point(60, 60));
        if (zoom >= MAX_ZOOM || target <= zoom || bounds.getNorthEast().equals(bounds.getSouthWest())) {
          spread = group; // one place (a town hall…): its points are set around it, at this zoom
          redraw(true);
        } else {
          map.fitBounds(bounds, { padding: [60, 60], maxZoom: MAX_ZOOM });
        }
      };
      marker.on("click", activate);
      // Enter on a focused group acts as a click (Leaflet turns Enter into a click only for popups).
      marker.on("keypress", function (event) {
        if (event.originalEvent.keyCode === 13) activate();
      });
      return marker;
    };

    // The groups and points in view (and half a view around it), drawn; those already drawn are kept as they
    // are (their focus, their popup), so that a pan never moves the keyboard's place.
    var drawing = false; // from the task after the first view
    var redraw = function (force) {
      if (!index || !drawing) return;
      var zoom = Math.round(map.getZoom());
      if (zoom !== drawnZoom || force) {
        if (zoom !== drawnZoom) spread = null;
        layer.clearLayers();
        drawn.clear();
        drawnZoom = zoom;
      }
      var view = map.getBounds().pad(0.5);
      var wanted = new Map();
      index.at(zoom).forEach(function (group, number) {
        if (!view.contains([group.lat, group.lon])) return;
        if (group === spread) {
          var centre = map.latLngToLayerPoint([group.lat, group.lon]);
          var ring = Math.max(30, (group.members.length * 32) / (2 * Math.PI));
          group.members.forEach(function (i, n) {
            var angle = (2 * Math.PI * n) / group.members.length - Math.PI / 2;
            var at = map.layerPointToLatLng(centre.add(L.point(ring * Math.cos(angle), ring * Math.sin(angle))));
            wanted.set("s" + points.ids[i], function () { return pointMarker(i, at); });
          });
        } else if (group.members.length === 1) {
          var i = group.members[0];
          wanted.set("p" + points.ids[i], function () { return pointMarker(i); });
        } else {
          wanted.set("g" + zoom + ":" + number, function () { return groupMarker(group); });
        }
      });
      drawn.forEach(function (marker, key) {
        if (!wanted.has(key) && !(marker.isPopupOpen && marker.isPopupOpen())) {
          layer.removeLayer(marker);
          drawn.delete(key);
        }
      });
      var unnamed = [];
      wanted.forEach(function (make, key) {
        if (drawn.has(key)) return;
        var marker = make();
        drawn.set(key, marker);
        layer.addLayer(marker);
        if (key.charAt(0) !== "g") {
          var id = Number(key.slice(1));
          if (points.details[id]) nameMarker(marker, points.details[id]);
          else unnamed.push([id, marker]);
        }
      });
      // The single markers get their names (a title, and the text a screen reader says) once they are drawn.
      if (unnamed.length && data.detailsUrl) {
        loadDetails(unnamed.map(function (item) { return item[0]; })).then(function () {
          unnamed.forEach(function (item) { nameMarker(item[1], points.details[item[0]]); });
        });
      }
      if (focusNear) {
        var nearest = null;
        var best = Infinity;
        drawn.forEach(function (marker) {
          var distance = map.distance(marker.getLatLng(), focusNear);
          if (distance < best && marker.getElement()) {
            best = distance;
            nearest = marker.getElement();
          }
        });
        focusNear = null;
        if (nearest) nearest.focus({ preventScroll: true });
      }
    };
    map.on("moveend", function () { redraw(false); });

    var fittedView = null; // the view « Tout voir » gave, until the visitor moves the map
    var rememberFittedView = function () {
      fittedView = { zoom: map.getZoom(), center: map.getCenter() };
    };
    var fit = function (animate) {
      map.once("moveend", rememberFittedView);
      if (allPoints && allPoints.isValid()) {
        // No point under the controls of the top left corner or the attribution, none cut by the top edge
        // (a marker stands 41 px above its point): a hidden marker can be neither seen nor clicked.
        var controls = canvas.querySelector(".leaflet-top.leaflet-left");
        var credit = canvas.querySelector(".leaflet-control-attribution");
        map.fitBounds(allPoints, {
          paddingTopLeft: [(controls ? controls.offsetWidth : 0) + 24, 48],
          paddingBottomRight: [24, (credit ? credit.offsetHeight : 0) + 24],
          maxZoom: MAX_FIT_ZOOM,
          animate: animate === true,
        });
      } else {
        map.setView(DEFAULT_CENTER, DEFAULT_ZOOM);
      }
      rememberFittedView();
    };
    fitAllControl(map, function () {
      map.closePopup(); // back to every point: the popup of one would stand under the controls
      fit(true);
    });
    map.on("resize", function () {
      updatePopupPadding();
      // A phone turned or a window resized: a map the visitor has not moved keeps showing every point, clear of
      // the controls, rather than the middle of its former view.
      var untouched = fittedView && map.getZoom() === fittedView.zoom &&
        map.project(map.getCenter()).distanceTo(map.project(fittedView.center)) < 2; // px: resizing rounds
      if (untouched) fit();
    });
    var colours = legendColours(container);

    say("Chargement de la carte…");
    // Each step in a task of its own: reading the points, projecting them, the first view, grouping them at its
    // zoom, drawing what is in view.
    received
      .then(function (feed) {
        return nextTask().then(function () {
          points = data.feedUrl ? fromFeed(feed, colours) : fromGeojson(feed, colours, data.legendProperty);
        });
      })
      .then(nextTask)
      .then(function () {
        var count = points.ids.length;
        index = clusterIndex(points.lats, points.lons, CLUSTER_RADIUS);
        container.dataset.featureCount = String(count);
        if (count) {
          var south = Infinity, west = Infinity, north = -Infinity, east = -Infinity;
          for (var i = 0; i < count; i++) {
            var lat = points.lats[i], lon = points.lons[i];
            if (lat < south) south = lat;
            if (lat > north) north = lat;
            if (lon < west) west = lon;
            if (lon > east) east = lon;
          }
          allPoints = L.latLngBounds([south, west], [north, east]);
        }
      })
      .then(nextTask)
      .then(function () { fit(); })
      .then(nextTask)
      .then(function () { index.at(map.getZoom()); }) // the groups of the first view, computed in their own task
      .then(nextTask)
      .then(function () {
        var count = points.ids.length;
        drawing = true;
        redraw(true);
        say(
          count
            ? count + " " + (count > 1 ? itemsLabel : itemsLabel.replace(/s$/, "")) + " sur la carte."
            : "Aucun point à afficher sur la carte."
        );
        container.dataset.mapLoaded = "";
      })
      .catch(function () {
        if (!allPoints) map.setView(DEFAULT_CENTER, DEFAULT_ZOOM); // the map shows its background at least
        say("Les données de la carte n'ont pas pu être chargées. La liste donne les mêmes informations.");
        container.dataset.mapLoaded = "";
      });
  }

  document.querySelectorAll("[data-map]").forEach(start);
})();
