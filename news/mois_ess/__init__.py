"""The Mois de l'ESS (`/mois-de-l-ess/`): editions and events, their filters, agendas and map data, the public proposals."""
