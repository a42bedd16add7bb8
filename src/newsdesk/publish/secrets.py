"""Target secrets in the OS keyring, nowhere else: service "newsdesk", key
``library:<library UUID>:target:<name>``, so two libraries with a target of the same name keep
separate secrets, and removing a target in one never touches another's.

A library gets its UUID on first use (site setting ``library_uuid``). Secrets stored by older
newsdesk versions under ``target:<name>`` are copied to the library's key on first use; the old
entry is left for other libraries that may still need it.

Tests select a file keyring in a temporary folder (``PYTHON_KEYRING_BACKEND`` or
``keyring.set_keyring``); the app uses whatever keyring the desktop offers.
"""

from __future__ import annotations

import json
import uuid as uuidlib

import keyring
from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError
from sqlmodel import Session

from newsdesk.errors import UserError
from newsdesk.storage.models import SiteSetting

SERVICE = "newsdesk"
LIBRARY_KEY = "library_uuid"


def library_uuid(session: Session) -> str:
    """This library's identity, made (and stored in the library) the first time it is asked."""
    row = session.get(SiteSetting, LIBRARY_KEY)
    if row is not None:
        value = json.loads(row.value)
        if isinstance(value, str) and value:
            return value
    value = str(uuidlib.uuid4())
    session.merge(SiteSetting(key=LIBRARY_KEY, value=json.dumps(value)))
    session.flush()
    return value


def _key(library: str, target_name: str) -> str:
    return f"library:{library}:target:{target_name}"


def _legacy_key(target_name: str) -> str:
    return f"target:{target_name}"


def _unavailable(exc: Exception) -> UserError:
    return UserError(
        "No usable keyring to keep the secret in "
        f"({type(exc).__name__}). Install and unlock one (GNOME Keyring, KWallet, macOS "
        "Keychain, Windows Credential Locker) and try again."
    )


def store_secret(library: str, target_name: str, secret: str) -> None:
    if not secret:
        raise UserError("The secret is empty; nothing was stored")
    try:
        keyring.set_password(SERVICE, _key(library, target_name), secret)
    except (NoKeyringError, KeyringError) as exc:
        raise _unavailable(exc) from None


def get_secret(library: str, target_name: str) -> str | None:
    """The target's secret in this library, or None if none is stored (one stored by an older
    newsdesk under the target's name alone is adopted)."""
    try:
        found = keyring.get_password(SERVICE, _key(library, target_name))
        if found is None:
            found = keyring.get_password(SERVICE, _legacy_key(target_name))
            if found:
                keyring.set_password(SERVICE, _key(library, target_name), found)
        return found
    except (NoKeyringError, KeyringError) as exc:
        raise _unavailable(exc) from None


def delete_secret(library: str, target_name: str) -> bool:
    """Forget the target's secret in this library; False if there was none."""
    try:
        keyring.delete_password(SERVICE, _key(library, target_name))
    except PasswordDeleteError:
        return False
    except (NoKeyringError, KeyringError) as exc:
        raise _unavailable(exc) from None
    return True
