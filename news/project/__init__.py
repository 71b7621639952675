"""The project's progress: phases with their budget and financing, indicators and their history, the `/projet/` page."""
