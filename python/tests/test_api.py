"""The Python API against the command, and its errors, threads, pickling and charsets."""

import pickle
import random
import threading

import pytest

import dechaff
from conftest import command

PROSE = (
    "The council approved the new budget on Tuesday after a long debate that went on "
    "late into the night, and the mayor said the roads would be repaired."
)
PROSE2 = (
    "Residents will be able to follow the work on the city's website, where a map shows "
    "which streets are closed and for how long each repair is expected to last."
)
PAGE_TEXT = f"Home | News | Sport\n\n{PROSE}\n\n{PROSE2}\n\n\u00a9 2024 City Gazette. All rights reserved."
PAGE_HTML = (
    "<html><head><title>Budget vote | City Gazette</title></head><body>"
    "<nav><a href=/>Home</a> <a href=/news>News</a></nav>"
    f"<article><p>{PROSE}</p><p>{PROSE2}</p></article>"
    "<footer><p>\u00a9 2024 City Gazette. All rights reserved.</p></footer></body></html>"
)


def test_text_and_html_strip_what_the_command_strips(pages, bin_path):
    s = dechaff.Stripper()
    for _, text, html in pages:
        assert s.strip(text) == command("--format", "text", stdin=text.encode()).rstrip("\n")
        assert s.strip_html(html) == command("--format", "html", stdin=html).rstrip("\n")


def test_the_one_off_function_and_presets():
    assert dechaff.strip(PAGE_TEXT) == f"{PROSE}\n\n{PROSE2}"
    assert dechaff.Stripper().strip_html(PAGE_HTML) == f"{PROSE}\n\n{PROSE2}"
    recall = dechaff.Stripper(preset="recall").strip(PAGE_TEXT)
    assert PROSE in recall
    assert dechaff.Stripper(threshold=100).strip(PAGE_TEXT) == ""


def test_explain_gives_every_paragraph_with_its_verdict():
    rows = dechaff.Stripper().explain(PAGE_TEXT)
    assert [r["kept"] for r in rows] == [False, True, True, False]
    assert set(rows[0]) == {"start", "end", "text", "kept", "score", "class", "reason", "rules"}
    assert PAGE_TEXT.encode()[rows[1]["start"] : rows[1]["end"]].decode() == PROSE
    copyright = rows[3]
    assert copyright["class"] == "bad" and copyright["score"] < 0
    assert any(r["name"] == "copyright" and r["span"] is not None for r in copyright["rules"])
    assert rows[1]["reason"] == "its score decided"
    # HTML, detected or forced; text forced on markup reads the tags as text.
    assert any(r["kept"] for r in dechaff.Stripper().explain(PAGE_HTML.encode()))
    assert "<p>" in dechaff.Stripper().explain(PAGE_HTML, format="text")[0]["text"]
    with pytest.raises(ValueError):
        dechaff.Stripper().explain(PAGE_TEXT, format="pdf")


def test_strip_many_keeps_order_on_any_number_of_threads(pages):
    s = dechaff.Stripper()
    docs = [html for _, _, html in pages] + [text for _, text, _ in pages]
    one_by_one = [s.strip_html(html) for _, _, html in pages] + [s.strip(t) for _, t, _ in pages]
    assert s.strip_many(docs) == one_by_one
    assert s.strip_many(docs, threads=1) == one_by_one
    assert s.strip_many(iter(docs), threads=2) == one_by_one
    assert s.strip_many([]) == []
    with pytest.raises(ValueError):
        s.strip_many(docs, threads=0)


def test_one_stripper_serves_many_python_threads(pages):
    s = dechaff.Stripper()
    want = [s.strip_html(html) for _, _, html in pages]
    got = {}

    def work(k):
        got[k] = [s.strip_html(html) for _, _, html in pages]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(v == want for v in got.values()) and len(got) == 4


def test_a_bad_rule_file_raises_a_value_error_naming_file_and_line(tmp_path):
    bad = tmp_path / "mine.rules"
    bad.write_text("rule shout\n  describe  Shouting\n  wieght    -3\n")
    with pytest.raises(dechaff.RuleError) as e:
        dechaff.Stripper(rules=str(bad))
    assert isinstance(e.value, ValueError)
    assert f"{bad}:3:" in str(e.value) and "weight" in str(e.value)
    with pytest.raises(dechaff.RuleError):
        dechaff.Stripper(rules=bad)  # os.PathLike
    with pytest.raises(dechaff.RuleError, match="<rules>:1:"):
        dechaff.Stripper(rules="rule x\n  weight 1\n")
    with pytest.raises(dechaff.RuleError, match="cannot read rule file"):
        dechaff.Stripper(rules=tmp_path / "missing.rules")
    with pytest.raises(ValueError):
        dechaff.Stripper(preset="greedy")
    with pytest.raises(TypeError):
        dechaff.Stripper(rules=42)


def test_user_rules_change_decisions_and_survive_pickling(tmp_path):
    rules = tmp_path / "mine.rules"
    rules.write_text(
        "rule mayor_said\n  describe  Quotes the mayor\n  weight    -20\n"
        "  phrases   the mayor said\n  fires     And the mayor said so.\n"
    )
    s = dechaff.Stripper(rules=rules)
    assert s.strip(PAGE_TEXT) == PROSE2
    copy = pickle.loads(pickle.dumps(s))
    assert copy.strip(PAGE_TEXT) == PROSE2
    rules.unlink()  # the copy carries the rule text, not the path
    assert pickle.loads(pickle.dumps(s)).strip(PAGE_TEXT) == PROSE2
    plain = pickle.loads(pickle.dumps(dechaff.Stripper(preset="precision", threshold=2.5)))
    assert plain.strip(PAGE_TEXT) == dechaff.Stripper(threshold=2.5).strip(PAGE_TEXT)


def test_documents_over_the_limits_raise_their_own_error():
    s = dechaff.Stripper(max_bytes=100, max_paragraphs=3)
    with pytest.raises(dechaff.LimitError):
        s.strip("x" * 101)
    with pytest.raises(dechaff.LimitError):
        s.strip("a\n\nb\n\nc\n\nd")
    with pytest.raises(dechaff.LimitError, match="document 1"):
        s.strip_many(["short", "y" * 200])
    assert isinstance(dechaff.LimitError("x"), ValueError)


@pytest.mark.parametrize(
    "charset, text",
    [
        ("windows-1252", "Caf\u00e9 owners said the new rules would cost them dearly this winter."),
        ("iso-8859-2", "W\u0142adze miasta og\u0142osi\u0142y w czwartek nowy plan budowy dr\u00f3g."),
        ("windows-1251", "\u0413\u043e\u0440\u043e\u0434\u0441\u043a\u043e\u0439 \u0441\u043e\u0432\u0435\u0442 \u0443\u0442\u0432\u0435\u0440\u0434\u0438\u043b \u043d\u043e\u0432\u044b\u0439 \u0431\u044e\u0434\u0436\u0435\u0442 \u0432\u043e \u0432\u0442\u043e\u0440\u043d\u0438\u043a \u043f\u043e\u0441\u043b\u0435 \u0434\u043e\u043b\u0433\u0438\u0445 \u0441\u043f\u043e\u0440\u043e\u0432."),
        ("koi8-r", "\u0413\u043e\u0440\u043e\u0434\u0441\u043a\u043e\u0439 \u0441\u043e\u0432\u0435\u0442 \u0443\u0442\u0432\u0435\u0440\u0434\u0438\u043b \u043d\u043e\u0432\u044b\u0439 \u0431\u044e\u0434\u0436\u0435\u0442 \u0432\u043e \u0432\u0442\u043e\u0440\u043d\u0438\u043a."),
        ("shift_jis", "\u5e02\u8b70\u4f1a\u306f\u706b\u66dc\u65e5\u3001\u9577\u3044\u8b70\u8ad6\u306e\u672b\u306b\u65b0\u3057\u3044\u4e88\u7b97\u3092\u627f\u8a8d\u3057\u305f\u3002"),
        ("euc-kr", "\uc2dc\uc758\ud68c\ub294 \ud654\uc694\uc77c \uc0c8 \uc608\uc0b0\uc744 \uc2b9\uc778\ud588\ub2e4."),
        ("gb18030", "\u5e02\u8bae\u4f1a\u5468\u4e8c\u5728\u957f\u65f6\u95f4\u8fa9\u8bba\u540e\u6279\u51c6\u4e86\u65b0\u7684\u9884\u7b97\u3002"),
        ("big5", "\u5e02\u8b70\u6703\u9031\u4e8c\u5728\u9577\u6642\u9593\u8faf\u8ad6\u5f8c\u6279\u51c6\u4e86\u65b0\u7684\u9810\u7b97\u3002"),
        ("utf-8", "Die Stadt hat am Dienstag den neuen Haushalt beschlossen, sagte der B\u00fcrgermeister."),
        ("windows-1250", "M\u011bstsk\u00e1 rada v \u00fater\u00fd schv\u00e1lila nov\u00fd rozpo\u010det."),
        ("windows-1253", "\u03a4\u03bf \u03b4\u03b7\u03bc\u03bf\u03c4\u03b9\u03ba\u03cc \u03c3\u03c5\u03bc\u03b2\u03bf\u03cd\u03bb\u03b9\u03bf \u03b5\u03bd\u03ad\u03ba\u03c1\u03b9\u03bd\u03b5 \u03c4\u03bf\u03bd \u03bd\u03ad\u03bf \u03c0\u03c1\u03bf\u03cb\u03c0\u03bf\u03bb\u03bf\u03b3\u03b9\u03c3\u03bc\u03cc."),
        ("iso-8859-7", "\u03a4\u03bf \u03b4\u03b7\u03bc\u03bf\u03c4\u03b9\u03ba\u03cc \u03c3\u03c5\u03bc\u03b2\u03bf\u03cd\u03bb\u03b9\u03bf \u03c8\u03ae\u03c6\u03b9\u03c3\u03b5."),
        ("windows-1254", "Belediye meclisi sal\u0131 g\u00fcn\u00fc yeni b\u00fct\u00e7eyi onaylad\u0131."),
        ("windows-1255", "\u05de\u05d5\u05e2\u05e6\u05ea \u05d4\u05e2\u05d9\u05e8 \u05d0\u05d9\u05e9\u05e8\u05d4 \u05d0\u05ea \u05d4\u05ea\u05e7\u05e6\u05d9\u05d1."),
        ("windows-1256", "\u0648\u0627\u0641\u0642 \u0645\u062c\u0644\u0633 \u0627\u0644\u0645\u062f\u064a\u0646\u0629 \u0639\u0644\u0649 \u0627\u0644\u0645\u064a\u0632\u0627\u0646\u064a\u0629."),
        ("windows-1257", "Miesto taryba antradien\u012f patvirtino nauj\u0105 biud\u017eet\u0105."),
        ("iso-8859-15", "Le conseil a vot\u00e9 un budget de 4 millions d'\u20ac mardi soir."),
        ("koi8-u", "\u041c\u0456\u0441\u044c\u043a\u0430 \u0440\u0430\u0434\u0430 \u0443\u0445\u0432\u0430\u043b\u0438\u043b\u0430 \u043d\u043e\u0432\u0438\u0439 \u0431\u044e\u0434\u0436\u0435\u0442 \u0443 \u0432\u0456\u0432\u0442\u043e\u0440\u043e\u043a."),
        ("euc-jp", "\u5e02\u8b70\u4f1a\u306f\u706b\u66dc\u65e5\u306b\u65b0\u3057\u3044\u4e88\u7b97\u3092\u627f\u8a8d\u3057\u305f\u3002"),
        ("gbk", "\u5e02\u8bae\u4f1a\u5468\u4e8c\u6279\u51c6\u4e86\u65b0\u7684\u9884\u7b97\u3002"),
        ("windows-874", "\u0e2a\u0e20\u0e32\u0e40\u0e21\u0e37\u0e2d\u0e07\u0e2d\u0e19\u0e38\u0e21\u0e31\u0e15\u0e34\u0e07\u0e1a\u0e1b\u0e23\u0e30\u0e21\u0e32\u0e13\u0e43\u0e2b\u0e21\u0e48"),
        ("macintosh", "Caf\u00e9 owners said the new rules would cost them dearly."),
    ],
)
def test_bytes_in_any_charset_read_like_the_same_page_as_str(charset, text):
    s = dechaff.Stripper()
    page = f'<html><head><meta charset="{charset}"></head><body><p>{text}</p></body></html>'
    codec = {"macintosh": "mac_roman", "windows-874": "cp874"}.get(charset, charset)
    # The text the engine read (whatever it decided about it).
    read = [p["text"] for p in s.explain(page.encode(codec), format="html")]
    assert read == [p["text"] for p in s.explain(page, format="html")] == [text]
    assert s.strip_html(page.encode(codec)) == s.strip_html(page)


def test_utf16_with_a_byte_order_mark_wins_over_the_meta_charset():
    s = dechaff.Stripper()
    text = "Die Stadt hat am Dienstag den neuen Haushalt beschlossen, sagte der B\u00fcrgermeister."
    page = f'<html><head><meta charset="windows-1252"></head><body><p>{text}</p></body></html>'
    for data in [page.encode("utf-16"), b"\xef\xbb\xbf" + page.encode("utf-8")]:
        assert [p["text"] for p in s.explain(data, format="html")] == [text]


def test_no_input_crashes_the_interpreter():
    s = dechaff.Stripper()
    rng = random.Random(7)
    junk = [bytes(rng.randrange(256) for _ in range(rng.randrange(2000))) for _ in range(200)]
    junk += [b"<" * 5000, b"<div>" * 20000, b"\x00" * 1000, "\ud800".encode("utf-8", "surrogatepass")]
    for j in junk:
        s.strip_html(j)
        s.explain(j)
        s.strip(j.decode("utf-8", "replace"))
    s.strip_many(junk, threads=2)
    for bad in [None, 3, ["a"], object()]:
        with pytest.raises(TypeError):
            s.strip_html(bad)
    with pytest.raises(TypeError):
        s.strip(b"bytes are not text")
    with pytest.raises(TypeError):
        s.strip_many([b"ok", 3])
    with pytest.raises(UnicodeEncodeError):
        s.strip("\ud800 a lone surrogate")
