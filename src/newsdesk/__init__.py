"""newsdesk: a desktop editorial workstation for news."""

__version__ = "0.1.0"
