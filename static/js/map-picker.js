/* The editors' map picker (home/panels.py), for actors and events: a marker kept in sync with the latitude
   and longitude inputs, and the "Géocoder l'adresse" button that asks the server for the address's position. */
(function () {
  "use strict";

  var DEFAULT_CENTER = [44.55, -0.25]; // Sud-Gironde
  var DEFAULT_ZOOM = 9;
  var PLACED_ZOOM = 16;

  function parse(value) {
    var number = parseFloat(String(value || "").trim().replace(",", "."));
    return isNaN(number) ? null : number;
  }

  function format(number) {
    // As French speakers write it, which the form accepts.
    return number.toFixed(6).replace(".", ",");
  }

  function escapeHtml(text) {
    var node = document.createElement("span");
    node.textContent = text;
    return node.innerHTML;
  }

  function init(picker) {
    var data = picker.dataset;
    var input = function (name) { return document.getElementById(data[name]); };
    var latitude = input("latitudeInput");
    var longitude = input("longitudeInput");
    var canvas = picker.querySelector("[data-picker-canvas]");
    var status = picker.querySelector("[data-picker-status]");
    var subject = data.subject || "la structure";
    if (typeof L === "undefined" || !latitude || !longitude) return;

    function say(text, isError) {
      status.textContent = text;
      status.classList.toggle("map-picker__status--error", Boolean(isError));
    }

    canvas.textContent = "";
    var map = L.map(canvas, { scrollWheelZoom: false, zoomControl: false });
    L.control.zoom({ zoomInTitle: "Zoomer", zoomOutTitle: "Dézoomer" }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com/">Leaflet</a>');
    var attribution = escapeHtml(data.tileAttribution || "");
    if (data.tileAttributionUrl) {
      attribution = '<a href="' + escapeHtml(data.tileAttributionUrl) + '">' + attribution + "</a>";
    }
    L.tileLayer(data.tileUrl, { attribution: attribution, maxZoom: 18 }).addTo(map);

    var marker = null;

    function place(lat, lon, zoom) {
      var point = L.latLng(lat, lon);
      if (!marker) {
        marker = L.marker(point, { draggable: true, title: "Position de " + subject, alt: "Position de " + subject });
        marker.on("dragend", function () {
          writeInputs(marker.getLatLng());
          say("Position déplacée : pensez à enregistrer.");
        });
        marker.addTo(map);
      } else {
        marker.setLatLng(point);
      }
      if (zoom) map.setView(point, Math.max(map.getZoom(), zoom));
    }

    function writeInputs(point) {
      latitude.value = format(point.lat);
      longitude.value = format(point.lng);
      [latitude, longitude].forEach(function (field) {
        field.dispatchEvent(new Event("change", { bubbles: true }));
      });
    }

    function readInputs(zoom) {
      var lat = parse(latitude.value);
      var lon = parse(longitude.value);
      if (lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
        place(lat, lon, zoom);
      } else if (marker && !latitude.value && !longitude.value) {
        map.removeLayer(marker);
        marker = null;
      }
    }

    map.setView(DEFAULT_CENTER, DEFAULT_ZOOM);
    readInputs(PLACED_ZOOM);
    // The picker may sit in a tab hidden at first: measure the map again when it shows.
    if (window.ResizeObserver) {
      new ResizeObserver(function () { map.invalidateSize(); }).observe(canvas);
    }

    map.on("click", function (event) {
      place(event.latlng.lat, event.latlng.lng);
      writeInputs(event.latlng);
      say("Repère placé sur la carte : pensez à enregistrer.");
    });
    [latitude, longitude].forEach(function (field) {
      field.addEventListener("input", function () { readInputs(PLACED_ZOOM); });
    });

    picker.querySelector("[data-clear-position]").addEventListener("click", function () {
      latitude.value = "";
      longitude.value = "";
      readInputs();
      say("Position effacée : pensez à enregistrer.");
    });

    var geocodeButton = picker.querySelector("[data-geocode]");
    geocodeButton.addEventListener("click", function () {
      var params = new URLSearchParams();
      [["street", "streetInput"], ["postal_code", "postalCodeInput"], ["commune", "communeInput"]].forEach(function (pair) {
        var field = input(pair[1]);
        params.set(pair[0], field ? field.value : "");
      });
      geocodeButton.disabled = true;
      say("Recherche de l'adresse…");
      fetch(data.geocodeUrl + "?" + params.toString(), {
        headers: { Accept: "application/json", "X-Requested-With": "XMLHttpRequest" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.json().catch(function () { return {}; });
        })
        .then(function (result) {
          if (result.latitude === undefined) {
            say(result.error || "Le géocodage n'a pas abouti : rien n'a été changé.", true);
            return;
          }
          place(result.latitude, result.longitude, PLACED_ZOOM);
          writeInputs(L.latLng(result.latitude, result.longitude));
          say(result.message);
        })
        .catch(function () {
          say("Le serveur ne répond pas : rien n'a été changé. Réessayez, ou placez le point sur la carte.", true);
        })
        .finally(function () {
          geocodeButton.disabled = false;
        });
    });
  }

  function start() {
    document.querySelectorAll("[data-map-picker]").forEach(init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
