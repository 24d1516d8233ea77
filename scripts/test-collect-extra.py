#!/usr/bin/env python3
"""Offline tests of scripts/collect-extra.py: argument handling, the SHA-256 check, and that
gold files and differing documents already in the destination are never overwritten.

Each test builds a small index and gold folder in a temporary directory and collects from a
--source folder or a file:// base URL, so no network is needed.

Usage: python3 scripts/test-collect-extra.py [-v]
"""
import contextlib
import hashlib
import importlib.util
import io
import tempfile
import unittest
from pathlib import Path

spec = importlib.util.spec_from_file_location("collect_extra", Path(__file__).with_name("collect-extra.py"))
collect_extra = importlib.util.module_from_spec(spec)
spec.loader.exec_module(collect_extra)

DOC = "# Minutes\n\nAgreed: ship it.\n".encode("utf-8")
GOLD = b'{"kind": "minutes"}\n'


class CollectExtraTests(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        root = Path(self.tmp.name)
        self.gold_dir = root / "gold"
        self.gold_dir.mkdir()
        (self.gold_dir / "a.md.gold.json").write_bytes(GOLD)
        self.source = root / "source"
        self.source.mkdir()
        (self.source / "a.md").write_bytes(DOC)
        self.dest = root / "dest"
        self.index = root / "index.tsv"
        self.write_index(hashlib.sha256(DOC).hexdigest())
        self.saved = collect_extra.GOLD, collect_extra.ROOT
        collect_extra.GOLD, collect_extra.ROOT = self.gold_dir, root

    def tearDown(self):
        collect_extra.GOLD, collect_extra.ROOT = self.saved
        self.tmp.cleanup()

    def write_index(self, digest, path="minutes/a.md"):
        header = "\t".join(collect_extra.COLUMNS)
        row = "\t".join(["a.md", "org/repo", path, "0" * 40, digest, "none stated", "Org", "en", "md"])
        self.index.write_text("# comment\n" + header + "\n" + row + "\n", encoding="utf-8")

    def run_main(self, *args):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = collect_extra.main(["--index", str(self.index), "--dest", str(self.dest), *args])
        return status, out.getvalue(), err.getvalue()

    def test_copies_a_matching_document_and_its_gold_from_a_source_folder(self):
        status, out, _ = self.run_main("--source", str(self.source))
        self.assertEqual(status, 0)
        self.assertEqual((self.dest / "a.md").read_bytes(), DOC)
        self.assertEqual((self.dest / "a.md.gold.json").read_bytes(), GOLD)
        self.assertIn("1 document in", out)

    def test_a_changed_file_is_refused_and_not_written(self):
        (self.source / "a.md").write_bytes(DOC + b"edited upstream\n")
        status, _, err = self.run_main("--source", str(self.source))
        self.assertEqual(status, 65)
        self.assertIn("changed file", err)
        self.assertFalse((self.dest / "a.md").exists())

    def test_fetches_over_a_file_url_at_repository_commit_path(self):
        base = Path(self.tmp.name) / "mirror"
        target = base / "org" / "repo" / ("0" * 40) / "minutes" / "a b.md"
        target.parent.mkdir(parents=True)
        target.write_bytes(DOC)
        self.write_index(hashlib.sha256(DOC).hexdigest(), path="minutes/a b.md")
        status, _, err = self.run_main("--base-url", base.as_uri())
        self.assertEqual(status, 0, err)
        self.assertEqual((self.dest / "a.md").read_bytes(), DOC)

    def test_an_unreadable_file_url_is_missing_input(self):
        status, _, err = self.run_main("--base-url", (Path(self.tmp.name) / "nowhere").as_uri())
        self.assertEqual(status, 66)
        self.assertIn("cannot be read", err)

    def test_an_unreachable_host_is_a_temporary_failure(self):
        status, _, err = self.run_main("--base-url", "http://127.0.0.1:9", "--timeout", "2")
        self.assertEqual(status, 75)
        self.assertIn("network", err)

    def test_a_gold_file_in_the_destination_is_never_overwritten(self):
        self.dest.mkdir()
        (self.dest / "a.md.gold.json").write_bytes(b'{"kind": "agenda"}\n')
        status, out, _ = self.run_main("--source", str(self.source))
        self.assertEqual(status, 0)
        self.assertEqual((self.dest / "a.md.gold.json").read_bytes(), b'{"kind": "agenda"}\n')
        self.assertIn("gold kept", out)

    def test_a_differing_document_in_the_destination_is_left_alone(self):
        self.dest.mkdir()
        (self.dest / "a.md").write_bytes(b"someone's local edit\n")
        status, _, err = self.run_main("--source", str(self.source))
        self.assertEqual(status, 65)
        self.assertEqual((self.dest / "a.md").read_bytes(), b"someone's local edit\n")
        self.assertIn("left as it is", err)

    def test_a_present_matching_document_is_not_fetched_again(self):
        self.run_main("--source", str(self.source))
        (self.source / "a.md").unlink()
        status, out, _ = self.run_main("--source", str(self.source))
        self.assertEqual(status, 0)
        self.assertIn("document already present", out)

    def test_usage_errors(self):
        self.assertEqual(self.run_main("not-in-index.md")[0], 64)
        self.assertEqual(self.run_main("--timeout", "0")[0], 64)
        self.assertEqual(self.run_main("--source", str(self.source), "--base-url", "file:///x")[0], 64)
        self.assertEqual(self.run_main("--no-such-option")[0], 64)
        self.assertEqual(self.run_main("--source", str(Path(self.tmp.name) / "absent"))[0], 66)

    def test_a_missing_index_or_gold_is_missing_input(self):
        (self.gold_dir / "a.md.gold.json").unlink()
        status, _, err = self.run_main("--source", str(self.source))
        self.assertEqual(status, 66)
        self.assertIn("no gold file", err)
        self.index.unlink()
        self.assertEqual(self.run_main("--source", str(self.source))[0], 66)

    def test_a_malformed_index_is_bad_data(self):
        self.index.write_text("name\trepository\n", encoding="utf-8")
        status, _, err = self.run_main("--source", str(self.source))
        self.assertEqual(status, 65)
        self.assertIn("header", err)


class RepositoryIndexTests(unittest.TestCase):
    def test_every_indexed_document_has_a_gold_file_and_a_full_sha256(self):
        rows = collect_extra.read_index(collect_extra.INDEX)
        self.assertGreaterEqual(len(rows), 10)
        for row in rows:
            self.assertRegex(row["sha256"], r"^[0-9a-f]{64}$", row["name"])
            self.assertRegex(row["commit"], r"^[0-9a-f]{40}$", row["name"])
            self.assertTrue((collect_extra.GOLD / (row["name"] + ".gold.json")).is_file(), row["name"])


if __name__ == "__main__":
    unittest.main()
