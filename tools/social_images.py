"""Draw the images the site offers to other apps: the share card shown when a page is
shared (og:image, one per language, with the site's name in that language) and the icon
a phone puts on its home screen (apple-touch-icon).

    make social-images          # writes overrides/assets/images/

The output is committed and reproducible: the same fonts (Debian's fonts-noto-cjk) give
the same bytes. Noto Sans CJK draws every script, so Latin and Chinese names match; the
Traditional card takes its Traditional (TC) glyph forms.
"""

import argparse
import io
import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from sitelib import ROOT
from sitelib.interface_strings import strings
from sitelib.site_pages import Site

OUT = ROOT / "overrides" / "assets" / "images"
CARD = (1200, 630)  # the size Open Graph consumers crop least
ICON = 180  # apple-touch-icon
BLUE, WHITE, PALE = "#00557a", "#ffffff", "#cfe3ec"
# The logo's path (overrides/assets/logo.svg) on its 32-unit grid.
LOGO = [(6, 26), (16, 5), (26, 26), (20.8, 26), (16, 15.4), (11.2, 26)]
TAGS = {code: language.tag for code, language in Site(ROOT).languages.items()}
LANGUAGES = tuple(TAGS)


def font_file(style: str, script: str = "SC") -> tuple[str, int]:
    """(file, index in the collection) of Noto Sans CJK in the style, for Simplified (SC)
    or Traditional (TC) glyph forms."""
    result = subprocess.run(["fc-match", "-f", "%{file}\n%{index}",
                             f"Noto Sans CJK {script}:style={style}"],
                            capture_output=True, text=True, check=False)
    if "NotoSansCJK" not in result.stdout:
        sys.exit("Noto Sans CJK is missing: sudo apt-get install fonts-noto-cjk")
    file, index = result.stdout.split("\n")
    return file, int(index)


def _logo(draw, left, top, size, colour):
    draw.polygon([(left + x * size / 32, top + y * size / 32) for x, y in LOGO], fill=colour)


def card(lang: str) -> Image.Image:
    text = strings(lang)["social"]
    script = "TC" if TAGS[lang] == "zh-Hant" else "SC"
    bold, regular = font_file("Bold", script), font_file("Regular", script)
    image = Image.new("RGB", CARD, BLUE)
    draw = ImageDraw.Draw(image)
    _logo(draw, 80, 70, 150, WHITE)
    title = ImageFont.truetype(bold[0], 76 if lang == "en" else 104, index=bold[1])
    y = 260
    for line in text["card_title"].split("\n"):
        draw.text((90, y), line, font=title, fill=WHITE)
        y += int(title.size * 1.25)
    draw.text((92, max(540, y + 24)), text["card_subtitle"],
              font=ImageFont.truetype(regular[0], 34, index=regular[1]), fill=PALE)
    return image


def icon() -> Image.Image:
    image = Image.new("RGB", (ICON, ICON), BLUE)  # iOS rounds the corners itself
    _logo(ImageDraw.Draw(image), 30, 26, 120, WHITE)
    return image


def png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.quantize(colors=64, dither=Image.Dither.NONE).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def images() -> dict[str, bytes]:
    """{file name: PNG bytes} of every image."""
    files = {f"social-{lang}.png": png(card(lang)) for lang in LANGUAGES}
    files["apple-touch-icon.png"] = png(icon())
    return files


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write the images to")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in images().items():
        (args.out / name).write_bytes(data)
        print(f"wrote {args.out / name} ({len(data) // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
