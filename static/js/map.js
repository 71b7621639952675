/* Interactive maps of GeoJSON points (templates/includes/map.html explains the parameters).
   Leaflet and Leaflet.markercluster come from the site's static files; without them, or without
   JavaScript, the include's fallback text and the page's list stay. */
(function () {
  "use strict";

  var DEFAULT_CENTER = [44.55, -0.25]; // Sud-Gironde, when there is nothing to fit
  var DEFAULT_ZOOM = 9;
  var MAX_FIT_ZOOM = 15;

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

  function clusterIcon(itemsLabel) {
    return function (cluster) {
      var count = cluster.getChildCount();
      var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
      return L.divIcon({
        html:
          '<span aria-hidden="true">' + count + "</span>" +
          '<span class="visually-hidden">' + count + " " + escapeHtml(itemsLabel) +
          " regroupés ici : activer pour zoomer</span>",
        className: "map-cluster map-cluster--" + size,
        iconSize: L.point(44, 44),
      });
    };
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

  function colouredMarker(latlng, name, colour) {
    return L.marker(latlng, {
      title: name,
      keyboard: true,
      icon: L.divIcon({
        className: "map-marker map-colour--" + colour,
        html: '<span class="visually-hidden">' + escapeHtml(name) + "</span>",
        iconSize: L.point(26, 26),
        popupAnchor: L.point(0, -10),
      }),
    });
  }

  function init(container) {
    var canvas = container.querySelector("[data-map-canvas]");
    var status = container.querySelector("[data-map-status]");
    var data = container.dataset;
    var itemsLabel = data.itemsLabel;
    var say = function (text) { status.textContent = text; };
    if (typeof L === "undefined" || !L.markerClusterGroup) {
      return; // the static files did not load: the fallback text stays
    }
    canvas.textContent = "";
    container.classList.add("map--ready");

    var map = L.map(canvas, {
      zoomControl: false,
      scrollWheelZoom: false,
      keyboard: true,
    }).setView(DEFAULT_CENTER, DEFAULT_ZOOM);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com/">Leaflet</a>');
    L.control.zoom({ zoomInTitle: "Zoomer", zoomOutTitle: "Dézoomer" }).addTo(map);
    // A popup opened from a focused marker takes the focus, and gives it back when it closes.
    var opener = null;
    map.on("popupopen", function (event) {
      var popup = event.popup.getElement();
      var close = popup.querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", "Fermer la bulle");
        close.title = "Fermer la bulle";
      }
      var active = document.activeElement;
      var link = popup.querySelector(".map-popup__link");
      if (link && active && active.classList.contains("leaflet-marker-icon")) {
        opener = active;
        link.focus({ preventScroll: true });
      }
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
    L.tileLayer(data.tileUrl, { attribution: attribution, maxZoom: 18 })
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
    var clusters = L.markerClusterGroup({
      chunkedLoading: true,
      chunkInterval: 40, // ms of work between two paints: thousands of points never block the page for long
      // Points within 120 px share a cluster (Leaflet.markercluster's default is 80): clusters stand further
      // apart, so that few hide part of another and each can be hit with a finger (WCAG 2.5.8).
      maxClusterRadius: 120,
      showCoverageOnHover: false,
      iconCreateFunction: clusterIcon(itemsLabel),
    });
    map.addLayer(clusters);
    // Enter on a focused cluster acts as a click: zoom in, or spread the points of one place.
    clusters.on("clusterkeypress", function (event) {
      if (event.originalEvent && event.originalEvent.keyCode === 13) clusters.fire("click", event);
    });

    // The bounds of every point: the clusters only know those of the slices already added (chunked loading).
    var allPoints = null;
    var fit = function () {
      var bounds = allPoints || clusters.getBounds();
      if (bounds.isValid()) {
        // No point under the controls of the top left corner or the attribution, none cut by the top edge
        // (a marker stands 41 px above its point): a hidden marker can be neither seen nor clicked.
        var controls = canvas.querySelector(".leaflet-top.leaflet-left");
        var attribution = canvas.querySelector(".leaflet-control-attribution");
        map.fitBounds(bounds, {
          paddingTopLeft: [(controls ? controls.offsetWidth : 0) + 24, 48],
          paddingBottomRight: [24, (attribution ? attribution.offsetHeight : 0) + 24],
          maxZoom: MAX_FIT_ZOOM,
        });
      } else {
        map.setView(DEFAULT_CENTER, DEFAULT_ZOOM);
      }
    };
    fitAllControl(map, function () {
      map.closePopup(); // back to every point: the popup of one would stand under the controls
      fit();
    });
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
    updatePopupPadding();
    map.on("resize", updatePopupPadding);
    var colours = legendColours(container);
    var popupWidth = Math.max(160, Math.min(300, canvas.clientWidth - 100)); // whole on a phone's narrow map

    say("Chargement de la carte…");
    fetch(data.geojsonUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (collection) {
        var markers = [];
        L.geoJSON(collection, {
          pointToLayer: function (feature, latlng) {
            var name = feature.properties.name || "";
            if (colours) {
              var key = feature.properties[data.legendProperty];
              if (Array.isArray(key)) key = key[0];
              var colour = colours[key || ""] || colours[""] || "none";
              return colouredMarker(latlng, name, colour);
            }
            return L.marker(latlng, { title: name, alt: name, keyboard: true });
          },
          onEachFeature: function (feature, layer) {
            // Built when it opens: thousands of popups are not laid out in advance.
            layer.bindPopup(function () {
              return popupContent(feature.properties, options);
            }, { autoPanPaddingTopLeft: popupPadding, maxWidth: popupWidth });
            markers.push(layer);
          },
        });
        clusters.addLayers(markers);
        container.dataset.featureCount = String(markers.length);
        allPoints = L.latLngBounds(markers.map(function (marker) { return marker.getLatLng(); }));
        fit();
        say(
          markers.length
            ? markers.length + " " + (markers.length > 1 ? itemsLabel : itemsLabel.replace(/s$/, "")) + " sur la carte."
            : "Aucun point à afficher sur la carte."
        );
        container.dataset.mapLoaded = "";
      })
      .catch(function () {
        say("Les données de la carte n'ont pas pu être chargées. La liste donne les mêmes informations.");
        container.dataset.mapLoaded = "";
      });
  }

  document.querySelectorAll("[data-map]").forEach(init);
})();
