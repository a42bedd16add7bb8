"""The desktop app's own strings in the person's language, through Qt's translation tools.

Strings are marked where they are written: ``self.tr("…")`` in a widget (the context is the
class name), ``QCoreApplication.translate("Context", "…")`` elsewhere and ``QT_TRANSLATE_NOOP``
for tables of labels translated where they are shown. ``scripts/ui_translations.sh`` runs
``pyside6-lupdate`` over ``newsdesk.ui`` into the repository's ``translations/newsdesk_<lang>.ts``
and ``pyside6-lrelease`` into the ``resources/translations/*.qm`` files loaded here (the package
ships only those). German is shipped.

The language is the ``ui_language`` preference, or the system's (``LANG``/``LC_ALL``) when it
is empty. Qt's own strings (OK, Cancel, the colour dialog…) come from Qt's catalogues.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from newsdesk.paths import resources_dir

log = logging.getLogger(__name__)

# The interface languages shipped ("" follows the system); names as their speakers write them.
UI_LANGUAGES = {"": "System language", "en": "English", "de": "Deutsch"}


def translations_dir() -> Path:
    return resources_dir() / "translations"


def ui_locale(language: str = "") -> QLocale:
    """The locale the interface follows: ``language`` if given, else the system's."""
    return QLocale(language) if language else QLocale.system()


def install_translators(app: QCoreApplication, language: str = "") -> list[QTranslator]:
    """Load newsdesk's and Qt's translations for ``language`` into ``app`` (before any window
    is built); returns the translators installed, so a test can remove them again."""
    locale = ui_locale(language)
    installed: list[QTranslator] = []
    sources = (
        ("newsdesk", translations_dir()),
        ("qtbase", Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))),
    )
    for name, folder in sources:
        translator = QTranslator(app)
        # tries newsdesk_de_DE.qm, newsdesk_de.qm … for each of the locale's UI languages
        if translator.load(locale, name, "_", str(folder)):
            app.installTranslator(translator)
            installed.append(translator)
        elif name == "newsdesk" and locale.language() != QLocale.Language.English:
            log.info("no interface translation for %s in %s", locale.name(), folder)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
