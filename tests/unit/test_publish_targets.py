"""Publication to extra destinations (TRIANGULATE_PUBLISH_TO), on real DuckDB files in tmp_path."""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb
import pytest

from pipelines.publication.attached import LEDGER
from pipelines.publication.destinations import AttachTarget, ParquetTarget, PublishConfigError, parse_destination
from pipelines.publication.parquet import VERSION_NAME
from pipelines.publication.targets import MissingExtensionError, publish_everywhere, required_extensions
from pipelines.settings import ENV_PUBLISH_TO, load_settings
from tests.warehouse_counts import counts_of, read_back


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A small working warehouse: tables (one with an awkward name), a view, and a view on that view
    whose name sorts first (views are created in dependency order, not by name)."""
    path = tmp_path / "w.build.duckdb"
    with duckdb.connect(str(path)) as conn:
        conn.execute("create table raw_documents as select range as doc_id, 'text ' || range as text from range(7)")
        conn.execute("create table documents as select doc_id, length(text) as n from raw_documents where doc_id < 5")
        conn.execute('create table "odd ""name"" table" as select 1 as a')
        conn.execute("create table empty_table (a integer, tags varchar[])")
        conn.execute("create view stg_documents as select * from main.raw_documents where doc_id % 2 = 0")
        conn.execute("create view a_view_on_view as select count(*) as n from stg_documents")
    return path


def test_settings_split_destinations_on_semicolons(monkeypatch):
    monkeypatch.setenv(ENV_PUBLISH_TO, " md:analytics ; ducklake:meta.ducklake (DATA_PATH 'lake/', READ_ONLY);; ")
    assert load_settings().publish_to == ("md:analytics", "ducklake:meta.ducklake (DATA_PATH 'lake/', READ_ONLY)")
    monkeypatch.delenv(ENV_PUBLISH_TO)
    assert load_settings().publish_to == ()


def test_destinations_parse_with_their_options_and_extensions(tmp_path):
    lake = parse_destination("ducklake:meta.ducklake (DATA_PATH 's3://bucket/lake/')")
    assert lake == AttachTarget("ducklake:meta.ducklake", "DATA_PATH 's3://bucket/lake/'")
    assert required_extensions(lake) == ["ducklake", "httpfs"]
    token = parse_destination("md:analytics?motherduck_token=secret")
    assert required_extensions(token) == ["motherduck"] and token.label == "md:analytics"
    assert parse_destination("'my (1).duckdb' (READ_ONLY)") == AttachTarget("my (1).duckdb", "READ_ONLY")
    assert required_extensions(parse_destination(str(tmp_path / "other.duckdb"))) == []
    assert parse_destination(f"parquet:{tmp_path}/pq") == ParquetTarget(tmp_path / "pq")
    with pytest.raises(PublishConfigError, match="local or mounted folder"):
        parse_destination("parquet:s3://bucket/warehouse")


def test_attach_publication_gives_the_same_tables_views_and_rows(work, tmp_path):
    target, dest = tmp_path / "w.duckdb", tmp_path / "dest.duckdb"
    lines = publish_everywhere(work, target, [str(dest)])
    assert lines == [f"{dest} (catalog dest): 6 tables and views"]
    expected = counts_of(work)
    assert ("a_view_on_view", "VIEW") in expected and ('odd "name" table', "BASE TABLE") in expected
    assert counts_of(dest) == expected == counts_of(target)
    with duckdb.connect(str(dest), read_only=True) as conn:  # the views read the destination's own tables
        assert conn.execute("select n from a_view_on_view").fetchall() == [(4,)]
        assert conn.execute(f"select count(*) from {LEDGER}").fetchone() == (6,)


def test_attach_publication_mirrors_dropped_and_retyped_relations_only(work, tmp_path):
    target, dest = tmp_path / "w.duckdb", tmp_path / "dest.duckdb"
    publish_everywhere(work, target, [str(dest)])
    with duckdb.connect(str(dest)) as conn:
        conn.execute("create table analysts_own as select 42 as answer")  # not ours: never touched
    with duckdb.connect(str(work)) as conn:
        conn.execute("drop table empty_table")
        conn.execute("drop view a_view_on_view")
        conn.execute("create table a_view_on_view as select 1 as n")  # a view became a table
    publish_everywhere(work, target, [str(dest)])
    published = counts_of(dest)
    assert published.pop(("analysts_own", "BASE TABLE")) == 1
    assert published == counts_of(work)
    assert ("empty_table", "BASE TABLE") not in published


def test_attach_publication_is_one_transaction(work, tmp_path):
    target, dest = tmp_path / "w.duckdb", tmp_path / "dest.duckdb"
    publish_everywhere(work, target, [str(dest)])
    before = counts_of(dest)
    csv = tmp_path / "gone.csv"
    csv.write_text("a\n1\n")
    with duckdb.connect(str(work)) as conn:
        conn.execute("insert into raw_documents values (100, 'new')")
        conn.execute("create table zz_new as select 1 as a")
        conn.execute(f"create view zz_broken as select * from read_csv('{csv}')")
    csv.unlink()  # the view no longer binds: its re-creation fails after the tables were replaced
    with pytest.raises(duckdb.Error, match="gone.csv"):
        publish_everywhere(work, target, [str(dest)])
    assert counts_of(dest) == before  # rolled back: no new table, no new row


def test_parquet_publication_is_readable_parquet(work, tmp_path):
    target, root = tmp_path / "w.duckdb", tmp_path / "pq"
    [line] = publish_everywhere(work, target, [f"parquet:{root}"])
    version = root / (root / "LATEST").read_text().strip()
    assert line == f"parquet:{version}: 6 tables and views"
    expected = counts_of(work)
    with duckdb.connect() as conn:
        for (name, kind), n in expected.items():
            if kind == "BASE TABLE":
                parquet = version / f"{name.replace(chr(34), '%22').replace(' ', '%20')}.parquet"
                assert conn.execute("select count(*) from read_parquet(?)", [str(parquet)]).fetchone() == (n,)
    assert read_back(root) == {(name, "VIEW"): n for (name, _), n in expected.items()}


def test_parquet_pointer_swaps_atomically_and_old_versions_are_pruned(work, tmp_path):
    target, root = tmp_path / "w.duckdb", tmp_path / "pq"
    publish_everywhere(work, target, [f"parquet:{root}"])
    seen, done = [], threading.Event()

    def reader() -> None:  # follows the pointers while publications replace them
        while not done.is_set():
            latest, script = (root / "LATEST").read_text(), (root / "views.sql").read_text()
            seen.append((latest, script.splitlines()[0].split()[4].rstrip(".")))

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for _ in range(6):
            publish_everywhere(work, target, [f"parquet:{root}"])
    finally:
        done.set()
        thread.join()
    assert seen and all(VERSION_NAME.fullmatch(latest.strip()) and latest.endswith("\n") for latest, _ in seen)
    assert all(VERSION_NAME.fullmatch(version) for _, version in seen)
    versions = sorted(p.name for p in root.iterdir() if p.is_dir())
    assert len(versions) == 3 and all(VERSION_NAME.fullmatch(v) for v in versions)  # KEEP_VERSIONS, no staging
    assert (root / "LATEST").read_text().strip() == versions[-1]
    assert read_back(root)[("raw_documents", "VIEW")] == 7


def test_failed_parquet_publication_leaves_the_pointers(work, tmp_path):
    target, root = tmp_path / "w.duckdb", tmp_path / "pq"
    publish_everywhere(work, target, [f"parquet:{root}"])
    latest, script = (root / "LATEST").read_text(), (root / "views.sql").read_text()
    csv = tmp_path / "gone.csv"
    csv.write_text("a\n1\n")
    with duckdb.connect(str(work)) as conn:
        conn.execute(f"create view zz_broken as select * from read_csv('{csv}')")
    csv.unlink()
    with pytest.raises(duckdb.Error, match="gone.csv"):
        publish_everywhere(work, target, [f"parquet:{root}"])
    assert (root / "LATEST").read_text() == latest and (root / "views.sql").read_text() == script
    assert [p.name for p in root.iterdir() if p.is_dir()] == [latest.strip()]


@pytest.mark.parametrize(
    ("spec", "missing"),
    [
        ("md:analytics", ["motherduck"]),
        ("ducklake:meta.ducklake (DATA_PATH 's3://bucket/lake/')", ["ducklake", "httpfs"]),
    ],
)
def test_missing_extension_fails_clearly_and_leaves_the_published_file(work, tmp_path, spec, missing):
    with duckdb.connect() as conn:
        installed = {
            n for n, ok in conn.execute("select extension_name, installed from duckdb_extensions()").fetchall() if ok
        }
    if set(missing) & installed:
        pytest.skip(f"{missing} installed on this machine")
    target, dest = tmp_path / "w.duckdb", tmp_path / "dest.duckdb"
    publish_everywhere(work, target, [str(dest)])
    published, stat = target.read_bytes(), target.stat()
    with duckdb.connect(str(work)) as conn:
        conn.execute("create table zz_new as select 1 as a")
    with pytest.raises(MissingExtensionError) as failure:
        publish_everywhere(work, target, [str(dest), spec])
    message = str(failure.value)
    for name in missing:
        assert name in message and f"INSTALL {name}" in message
    assert "never downloads" in message and "extension directory" in message
    assert target.read_bytes() == published and target.stat().st_mtime_ns == stat.st_mtime_ns
    assert ("zz_new", "BASE TABLE") not in counts_of(dest)  # no destination was touched either
