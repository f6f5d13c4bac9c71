"""Helper package of the KAART course (Kit d'Alerte et d'Action pour la Résilience des Territoires)."""

__all__: list[str] = []
