"""Publishing in the app: the publish dialog, the outbox panel and target settings."""
