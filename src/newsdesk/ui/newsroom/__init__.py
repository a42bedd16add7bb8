"""The newsroom's workflow in the window: the stage, who else is editing, the embargo, the
assignment, corrections and notes of the open article (services.newsroom, services.notes,
services.presence), and the watcher that brings other desks' changes in."""
