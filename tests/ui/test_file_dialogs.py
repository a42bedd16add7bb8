"""Where the file dialogs open (seen when tried as a person: every one opened in the folder
newsdesk was started from, and "Export an article bundle" suggested ``articles.zip`` there)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from newsdesk.ui import file_folders
from newsdesk.ui.metadata.panel import IMAGE_FILTER
from newsdesk.ui.prompts import Prompts


@pytest.fixture
def dialogs(monkeypatch, tmp_path, qtbot):
    """The real ``Prompts`` with Qt's file dialogs answered: each records the folder it was
    opened at and answers the next path of ``answers``."""
    home = tmp_path / "home"
    (home / "Pictures").mkdir(parents=True)
    (home / "Documents").mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_PICTURES_DIR", str(home / "Pictures"))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(home / "Documents"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setattr(file_folders, "_LAST", {})
    monkeypatch.chdir(tmp_path)  # where newsdesk was started: no dialog should open here
    opened: list[str] = []
    answers: list[str] = []

    def answer(_parent, _title, where, *_rest):
        opened.append(where)
        return answers.pop(0), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    parent = QWidget()
    qtbot.addWidget(parent)
    return Prompts(parent), opened, answers, home


def test_an_image_dialog_opens_in_pictures_then_where_the_last_image_was(dialogs, tmp_path):
    prompts, opened, answers, home = dialogs
    pictures = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    shoot = tmp_path / "shoot"
    answers.append(str(shoot / "harbour.jpg"))
    assert prompts.open_path("Featured image", IMAGE_FILTER) == str(shoot / "harbour.jpg")
    assert Path(opened[-1]) == Path(pictures) == home / "Pictures"
    assert Path(opened[-1]) != Path.cwd()
    answers.append("")  # cancelled: the folder stays the last one chosen
    assert prompts.open_path("Insert image", IMAGE_FILTER) is None
    assert opened[-1] == str(shoot)  # the same kind of file: where the last one was
    answers.append("")
    prompts.open_path("Open a library", "Libraries (*.newsdesk)")
    assert opened[-1] != str(shoot)  # another kind keeps its own


def test_a_bundle_is_suggested_in_documents_not_where_newsdesk_started(dialogs, tmp_path):
    prompts, opened, answers, home = dialogs
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    answers.append(str(tmp_path / "out" / "week.zip"))
    prompts.save_path("Export an article bundle", "articles.zip", "Bundles (*.zip)")
    assert Path(documents) == home / "Documents"
    assert opened[-1] == str(Path(documents) / "articles.zip")
    answers.append("")
    prompts.save_path("Export an article bundle", "harbour.zip", "Bundles (*.zip)")
    assert opened[-1] == str(tmp_path / "out" / "harbour.zip")
    whole = str(tmp_path / "data" / "new-library.newsdesk")  # a whole path is kept as it is
    answers.append("")
    prompts.save_path("Create a new library", whole, "Libraries (*.newsdesk)")
    assert opened[-1] == whole
