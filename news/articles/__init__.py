"""The news (`/actualites/`): the listing and its filters, the RSS and Atom feeds, the JSON-LD, the admin listing."""
