"""Target secrets in the OS keyring (service "newsdesk", key "target:<name>"), nowhere else.

Tests select a file keyring in a temporary folder (``PYTHON_KEYRING_BACKEND`` or
``keyring.set_keyring``); the app uses whatever keyring the desktop offers.
"""

from __future__ import annotations

import keyring
from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError

from newsdesk.errors import UserError

SERVICE = "newsdesk"


def _key(target_name: str) -> str:
    return f"target:{target_name}"


def _unavailable(exc: Exception) -> UserError:
    return UserError(
        "No usable keyring to keep the secret in "
        f"({type(exc).__name__}). Install and unlock one (GNOME Keyring, KWallet, macOS "
        "Keychain, Windows Credential Locker) and try again."
    )


def store_secret(target_name: str, secret: str) -> None:
    if not secret:
        raise UserError("The secret is empty; nothing was stored")
    try:
        keyring.set_password(SERVICE, _key(target_name), secret)
    except (NoKeyringError, KeyringError) as exc:
        raise _unavailable(exc) from None


def get_secret(target_name: str) -> str | None:
    """The target's secret, or None if none is stored."""
    try:
        return keyring.get_password(SERVICE, _key(target_name))
    except (NoKeyringError, KeyringError) as exc:
        raise _unavailable(exc) from None


def delete_secret(target_name: str) -> bool:
    """Forget the target's secret; False if there was none."""
    try:
        keyring.delete_password(SERVICE, _key(target_name))
    except PasswordDeleteError:
        return False
    except (NoKeyringError, KeyringError) as exc:
        raise _unavailable(exc) from None
    return True
