"""Likes, dislikes, allergies and alerts: capture, the profile panel, the catalogue and figures."""
