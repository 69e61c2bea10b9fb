#!/usr/bin/env python3
"""Writes the seed corpus shared by every harness, fuzz/corpus/common/: short
excerpts of the sample article and of the event dev articles (from ../shared,
at development time only), and crafted inputs for each class of bad input the
engine must survive. Kept small: libFuzzer grows its own corpus from these.

usage: python3 fuzz/make_seeds.py [SHARED_DIR]
"""
import json
import os
import sys

SHARED = sys.argv[1] if len(sys.argv) > 1 else "../shared"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "common")
EXCERPT = 700   # bytes, cut at a character boundary

CRAFTED = {
    "empty": b"",
    "nul-bytes": "قال\x00الوزير\x00\x00".encode(),
    "overlong": b"\xc0\xaf\xe0\x80\xaf\xf0\x80\x80\xaf \xd9\x82\xd8\xa7\xd9\x84",
    "surrogates": b"\xed\xa0\x80\xed\xbf\xbf \xd8\xa7\xd9\x84",
    "truncated": b"\xd8\xa7\xd9 \xe2\x80 \xf0\x9f\x98 \xd9",
    "bytes-f5-ff": bytes(range(0xf5, 0x100)) + "نص".encode(),
    "continuations": bytes(range(0x80, 0xc0)),
    "lone-combining": "\u064e\u0651 \u0301a\u0670 \u0300".encode(),
    "only-diacritics": ("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652" * 8).encode(),
    "only-tatweel": ("\u0640" * 64).encode(),
    "only-bidi": "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\ufeff".encode(),
    "zwnj-words": "می\u200cخواهم \u200c\u200cال\u200dكتاب".encode(),
    "presentation-forms": "\ufefb\ufe8d\ufedf\ufee0\ufef7 \ufdf2".encode(),
    "digits-mixed": "٢٠٢٠/١٢/٢٨ ۲۰۱۵ 2015-07-31 ٣٫٥٪".encode(),
    "dates-out-of-range": "في 99999 يناير 0 و 31 فبراير 2020 و 1 محرم 9999هـ و 0000-00-00".encode(),
    "urls-emails": "زوروا https://a.b/c?d=1&e=٢ أو www.x.sa و a@b.co @user #وسم".encode(),
    "punctuation-run": ("؟!.،؛:«»\"()[]…" * 6).encode(),
    "dots-run": (". " * 200 + "." * 400).encode(),
    "long-word": ("بال" * 300).encode(),
    "clitic-run": "وبالكتابهم فسيكتبونها ولللهم".encode(),
    "latin-case": "ẞtraße İstanbul ǅ ﬁ Σίσυφος".encode(),
    "spaces": "\u00a0\u2000\u2001\u3000\t\r\n\u2028\u2029 \u0020\u0085".encode(),
    "names-titles": "د. عبد الله بن عبد العزيز آل سعود والأمير محمد بن سلمان ولي العهد".encode(),
    "quote-nesting": "قال: «قال: \"نعم (لا [ربما] لا) نعم\"»".encode(),
}


def excerpt(text):
    data = text.encode()[:EXCERPT]
    return data.decode(errors="ignore").encode()


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in CRAFTED.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    with open(os.path.join(SHARED, "data/sample/article.txt"), encoding="utf-8") as f:
        sample = f.read()
    with open(os.path.join(OUT, "sample-start"), "wb") as f:
        f.write(excerpt(sample))
    with open(os.path.join(SHARED, "data/events/dev.json"), encoding="utf-8") as f:
        articles = json.load(f)
    for article in articles:
        with open(os.path.join(OUT, "dev-" + article["id"]), "wb") as f:
            f.write(excerpt(article["title"] + "\n\n" + article["text"]))


if __name__ == "__main__":
    main()
