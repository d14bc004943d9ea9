"""Make the report fonts in volunteer/static/fonts/ from Noto Serif SC (SIL OFL 1.1).

The reports embed a font that ships with the project, so that every PDF looks the same on
every machine. A full CJK font is 15 MB; this keeps what Chinese forms use: ASCII and Latin-1,
general and CJK punctuation, full-width forms, every character of GB2312 (its 6,763 hanzi and
its symbols) and a few name characters outside it. The commands are in
volunteer/static/fonts/README.md; run from the repository root:

    .venv/bin/python .ci/subset_fonts.py REGULAR.ttf BOLD.ttf

(fontTools comes with WeasyPrint.)
"""

import sys
from pathlib import Path

from fontTools import subset

OUT = Path(__file__).resolve().parent.parent / "volunteer" / "static" / "fonts"

# Characters that people's names use and GB2312 lacks (GBK has them).
NAME_EXTRAS = "镕堃喆玥珺昇琇瑄垚犇赟燚旻彧祎禕珅琍玹瑢璟晞昕頔翀"


def gb2312() -> str:
    """Every character GB2312 encodes: rows 0xA1–0xF7, cells 0xA1–0xFE."""
    chars = []
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.append(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


def ranges(*pairs: tuple[int, int]) -> str:
    return "".join(chr(c) for first, last in pairs for c in range(first, last + 1))


def charset() -> str:
    basic = ranges(
        (0x20, 0x7E),  # ASCII
        (0xA0, 0xFF),  # Latin-1 (·, ×, °)
        (0x2010, 0x2027),  # dashes, quotes, ellipsis
        (0x2030, 0x203B),  # ‰, ′, ※
        (0x2460, 0x2473),  # ①–⑳
        (0x3000, 0x303F),  # CJK punctuation: 、。《》「」【】〇
        (0xFF01, 0xFF5E),  # full-width forms
    )
    return "".join(sorted(set(basic + gb2312() + NAME_EXTRAS)))


def make(source: str, target: str, text: str) -> None:
    options = subset.Options()
    # No OpenType layout: horizontal tables need none of it, and without GSUB/GPOS the
    # per-PDF subsetting in WeasyPrint is several times faster.
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "STAT", "vhea", "vmtx"]
    options.name_IDs = ["*"]  # keep the copyright and licence records
    options.name_languages = ["*"]
    options.hinting = False  # PDFs are scaled, hinting only adds bytes
    options.notdef_outline = True
    font = subset.load_font(source, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    subset.save_font(font, str(OUT / target), options)
    print(f"{target}: {len(font.getGlyphOrder())} glyphs, {(OUT / target).stat().st_size:,} bytes")


def main(regular: str, bold: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    text = charset()
    make(regular, "NotoSerifSC-Regular-GB2312.ttf", text)
    make(bold, "NotoSerifSC-Bold-GB2312.ttf", text)


if __name__ == "__main__":
    main(*sys.argv[1:3])
