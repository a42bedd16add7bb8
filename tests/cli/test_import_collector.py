"""``newsdesk import`` keeps the garbage collector off start-up's objects while it imports
(``gc.freeze``) and gives them back when it is done, even when the import fails: a caller
in the same process collects as before."""

from __future__ import annotations

import gc
import json
from pathlib import Path

from tests.wxrgen import write_wxr


def test_an_import_in_process_leaves_the_collector_as_it_was(tmp_path: Path, capsys) -> None:
    from newsdesk.cli.main import main

    db = str(tmp_path / "lib.newsdesk")
    wxr = write_wxr(tmp_path / "archive.xml", 30)
    assert main(["--db", db, "import", str(wxr), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 30
    assert gc.get_freeze_count() == 0
    broken = tmp_path / "broken.xml"
    broken.write_text(wxr.read_text(encoding="utf-8")[:-200], encoding="utf-8")
    assert main(["--db", db, "import", str(broken)]) == 1
    assert "not valid XML" in capsys.readouterr().err
    assert gc.get_freeze_count() == 0
